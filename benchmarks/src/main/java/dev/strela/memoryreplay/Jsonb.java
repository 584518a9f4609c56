package dev.strela.memoryreplay;

import static dev.strela.memoryreplay.PgValues.numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * JSON as PostgreSQL gives back a value cast to {@code jsonb}: keys sorted (shorter first, then by their UTF-8
 * bytes), a repeated key keeping its last value, {@code ", "} and {@code ": "} between items, numbers as
 * {@code numeric} prints them (no exponent), strings escaped as {@code escape_json} does. Text that is not JSON
 * is refused, as the cast refuses it.
 */
final class Jsonb {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Comparator<String> KEY_ORDER = Jsonb::compareKeys;

    private Jsonb() {
    }

    /** jsonb's order of keys: by length in UTF-8 bytes, then byte by byte (unsigned). */
    private static int compareKeys(String a, String b) {
        if (isAscii(a) && isAscii(b)) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String canonical(String json, String column) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "no value");
            }
            String value = value(p, first);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "text after the value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid_json: column=" + column + ", error=" + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid_json: column=" + column + ", error=" + e.getMessage(), e);
        }
    }

    private static String value(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> quote(p, p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numeric(new BigDecimal(p.getText())).toPlainString();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> throw new JsonParseException(p, "unexpected " + token);
        };
    }

    private static String object(JsonParser p) throws IOException {
        Map<String, String> members = new HashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            members.put(key, value(p, p.nextToken()));
        }
        List<String> keys = new ArrayList<>(members.keySet());
        keys.sort(KEY_ORDER);
        StringBuilder out = new StringBuilder("{");
        for (String key : keys) {
            out.append(out.length() > 1 ? ", " : "").append(quote(p, key)).append(": ").append(members.get(key));
        }
        return out.append('}').toString();
    }

    private static String array(JsonParser p) throws IOException {
        StringBuilder out = new StringBuilder("[");
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.append(out.length() > 1 ? ", " : "").append(value(p, t));
        }
        return out.append(']').toString();
    }

    private static String quote(JsonParser p, String s) throws JsonParseException {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0000' -> throw new JsonParseException(p, "unsupported Unicode escape sequence \\u0000");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
