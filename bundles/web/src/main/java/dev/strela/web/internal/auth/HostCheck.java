package dev.strela.web.internal.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host names the monitor answers to. A page of another site that points its own name at 127.0.0.1 (DNS rebinding)
 * sends its name in {@code Host}, and is refused here.
 */
public final class HostCheck {

    private final Set<String> allowed;
    private final boolean any;

    /** {@code list}: names separated by commas ({@code localhost, 127.0.0.1, [::1]}); {@code *} allows any. */
    public HostCheck(String list) {
        this.allowed = Arrays.stream(list == null ? new String[0] : list.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        this.any = allowed.contains("*");
    }

    public boolean allows(String hostHeader) {
        return any || (hostHeader != null && allowed.contains(name(hostHeader)));
    }

    /** The name of a {@code Host} header without its port: {@code 127.0.0.1:8181} -> {@code 127.0.0.1}. */
    static String name(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
