package dev.strela.datafeed.internal.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small text helpers shared by the line-based readers. */
final class TextLines {

    private static final char BOM = '\uFEFF';

    private TextLines() {
    }

    /** Checks that {@code file} exists and is a readable regular file. */
    static void requireReadable(Path file) throws CandleFileException {
        if (!Files.exists(file)) {
            throw new CandleFileException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CandleFileException(file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new CandleFileException(file + ": not readable (permission denied)");
        }
    }

    /** A UTF-8 reader that replaces malformed bytes instead of failing (the files are ASCII anyway). */
    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** Removes one pair of surrounding double quotes, if present. */
    static String unquote(String text) {
        int n = text.length();
        return n >= 2 && text.charAt(0) == '"' && text.charAt(n - 1) == '"' ? text.substring(1, n - 1) : text;
    }

    /** Splits on {@code separator}, keeping empty fields (also a trailing one), without regex. */
    static String[] split(String line, char separator) {
        List<String> fields = new ArrayList<>(10);
        int start = 0;
        for (int i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, start)) {
            fields.add(line.substring(start, i));
            start = i + 1;
        }
        fields.add(line.substring(start));
        return fields.toArray(new String[0]);
    }

    /** The separator of a header line: tab, semicolon or comma, whichever occurs most. */
    static char separatorOf(String header) {
        long tabs = header.chars().filter(c -> c == '\t').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }
}
