package dev.strela.datafeed.internal.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Looks at a file's name and first bytes to tell its {@link CandleFileFormat}. */
final class FormatSniffer {

    private static final int SNIFF_BYTES = 8192;
    private static final Pattern TINKOFF_LINE = Pattern.compile("^[^;,<]+;\\d{4}-\\d{2}-\\d{2}T[^;]*;.*");
    private static final List<String> ISS_HEADER_NAMES = List.of("open", "close", "high", "low", "begin");
    private static final JsonFactory JSON = new JsonFactory();

    private FormatSniffer() {
    }

    static Optional<CandleFileFormat> detect(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.empty();
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return Optional.of(CandleFileFormat.TINKOFF);
        }
        try {
            return detectByContent(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<CandleFileFormat> detectByContent(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Optional.of(CandleFileFormat.TINKOFF);
        }
        String text = TextLines.stripBom(new String(head, StandardCharsets.UTF_8)).stripLeading();
        if (text.startsWith("{")) {
            return isIssJson(file) ? Optional.of(CandleFileFormat.MOEX_ISS_JSON) : Optional.empty();
        }
        String[] lines = text.split("\r?\n", 6);
        String first = lines[0];
        String upper = first.toUpperCase(Locale.ROOT);
        if (first.startsWith("<") && upper.contains("<DATE>") && upper.contains("<TIME>")) {
            return Optional.of(CandleFileFormat.FINAM);
        }
        if (TINKOFF_LINE.matcher(first).matches()) {
            return Optional.of(CandleFileFormat.TINKOFF);
        }
        for (int i = 0; i < Math.min(lines.length, 4); i++) {
            if (isIssHeader(lines[i])) {
                return Optional.of(CandleFileFormat.MOEX_ISS_CSV);
            }
        }
        return Optional.empty();
    }

    /** True for a CSV line (comma or semicolon) naming all of open, close, high, low and begin. */
    static boolean isIssHeader(String line) {
        List<String> names = Arrays.stream(line.split("[,;]"))
                .map(name -> TextLines.unquote(name.strip()).toLowerCase(Locale.ROOT))
                .toList();
        return names.containsAll(ISS_HEADER_NAMES);
    }

    private static boolean isIssJson(Path file) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("candles".equals(name) && value == JsonToken.START_OBJECT) {
                    return hasColumnsOrData(parser);
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasColumnsOrData(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if ("columns".equals(name) || "data".equals(name)) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }
}
