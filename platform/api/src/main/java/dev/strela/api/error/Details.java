package dev.strela.api.error;

import java.math.BigDecimal;

/**
 * Builds messages in the platform's convention {@code code: key=value, key=value}.
 * Values print plainly (BigDecimal without exponent); a value holding blanks, commas, '=' or
 * quotes, or an empty one, is put in double quotes with '"', '\' and line breaks escaped.
 */
public final class Details {

    private Details() {
    }

    /**
     * {@code "stop", 12.3, "entry", 100} gives {@code stop=12.3, entry=100}.
     *
     * @throws IllegalArgumentException for an odd count or a key that is not a non-blank String
     */
    public static String format(Object... keyValues) {
        if (keyValues == null || keyValues.length == 0) {
            return "";
        }
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues: odd count " + keyValues.length
                    + ", expected key/value pairs");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!(keyValues[i] instanceof String key) || key.isBlank()) {
                throw new IllegalArgumentException("keyValues: key at index " + i + " must be a non-blank String, was "
                        + keyValues[i]);
            }
            if (i > 0) {
                out.append(", ");
            }
            out.append(key).append('=').append(value(keyValues[i + 1]));
        }
        return out.toString();
    }

    /** {@code code: key=value, ...}, or just the code when there are no details. */
    public static String message(ErrorCode code, Object... keyValues) {
        return message(code.code(), keyValues);
    }

    /** As {@link #message(ErrorCode, Object...)} for a code string (e.g. from a rule). */
    public static String message(String code, Object... keyValues) {
        String details = format(keyValues);
        return details.isEmpty() ? code : code + ": " + details;
    }

    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (!text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == ',' || c == '='
                || c == '"' || c == '\\')) {
            return text;
        }
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return '"' + escaped + '"';
    }
}
