package dev.strela.persistence.internal;

import java.util.regex.Pattern;

/** Helpers for showing JDBC URLs without secrets. */
final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//)([^/@:]+):[^/@]*@");

    private JdbcUrls() {
    }

    /** The URL with any password parameter or user-info password replaced by {@code ***}. */
    static String redact(String url) {
        if (url == null) {
            return "";
        }
        String noParam = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(noParam).replaceAll("$1$2:***@");
    }
}
