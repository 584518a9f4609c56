package dev.strela.api.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON for signals ({@code live_signals.signal_json}) and other free JSON of the platform
 * ({@code params_json}, {@code meta}).
 *
 * <p>The mapper reads every JSON float as {@link java.math.BigDecimal} (270.39 stays 270.39),
 * writes BigDecimals as plain numbers (no exponent), times as ISO-8601 text, and REFUSES unknown
 * properties, trailing garbage and NaN, so a typo in a signal is caught rather than ignored.
 * Enum values are read case-insensitively and written upper-case.
 */
public final class SignalJson {

    private static final ObjectMapper MAPPER = newMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private SignalJson() {
    }

    /** A new mapper with the platform's settings, for callers that must customize it. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** The shared mapper (thread-safe); do not reconfigure it, use {@link #newMapper()} instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The signal as JSON with snake_case property names; nulls are written as null. */
    public static String toJson(Signal signal) {
        if (signal == null) {
            throw new SignalFormatException("signal: must not be null", null, null);
        }
        try {
            return MAPPER.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new SignalFormatException("signal cannot be written as JSON: " + e.getOriginalMessage(),
                    path(e), e);
        }
    }

    /** Reads a signal; only defaults are filled in, no business validation happens here. */
    public static Signal fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new SignalFormatException("signal JSON is empty", null, null);
        }
        try {
            return MAPPER.readValue(json, Signal.class);
        } catch (JsonProcessingException e) {
            throw new SignalFormatException(describe(e), path(e), e);
        }
    }

    /** Reads a JSON object (e.g. {@code params_json}) into an ordered map; floats become BigDecimal. */
    public static Map<String, Object> mapFromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new SignalFormatException("invalid JSON object: " + e.getOriginalMessage()
                    + location(e), path(e), e);
        }
    }

    /** Writes a map (e.g. {@code params_json}, {@code meta}) as a JSON object. */
    public static String mapToJson(Map<String, ?> map) {
        try {
            return MAPPER.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new SignalFormatException("map cannot be written as JSON: " + e.getOriginalMessage(),
                    path(e), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "signal JSON has unknown property '" + u.getPropertyName() + "'" + location(e)
                    + "; known properties: " + known;
        }
        if (e instanceof InvalidFormatException f) {
            String expected = f.getTargetType() != null && f.getTargetType().isEnum()
                    ? ", expected one of " + Arrays.toString(f.getTargetType().getEnumConstants())
                    : ", expected " + (f.getTargetType() == null ? "another value" : f.getTargetType().getSimpleName());
            return "signal JSON property '" + path(e) + "' has invalid value '" + f.getValue() + "'"
                    + expected + location(e);
        }
        String property = path(e);
        return "invalid signal JSON" + (property == null ? "" : " at property '" + property + "'")
                + ": " + e.getOriginalMessage() + location(e);
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return null;
        }
        return m.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
