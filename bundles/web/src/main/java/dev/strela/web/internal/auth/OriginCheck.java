package dev.strela.web.internal.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Whether a state-changing request comes from the monitor's own pages: its {@code Origin} (or, when a browser sent
 * none, its {@code Referer}) must name the host the request was sent to. A page of another site always carries its
 * own origin (or {@code null}) on a cross-site POST, so it is refused here even when the browser adds credentials.
 */
public final class OriginCheck {

    private OriginCheck() {
    }

    /**
     * Empty when the request is same-origin; else why not. With neither header, {@code required} decides: a browser
     * session must show where it comes from; a script using HTTP Basic sends neither.
     */
    public static Optional<String> problem(String host, String origin, String referer, boolean required) {
        if (host == null || host.isBlank()) {
            return Optional.of("no Host header");
        }
        boolean fromOrigin = origin != null && !origin.isBlank();
        String source = fromOrigin ? origin : referer;
        String header = fromOrigin ? "Origin" : "Referer";
        if (source == null || source.isBlank()) {
            return required ? Optional.of("neither Origin nor Referer: a state-changing request must come from the"
                    + " monitor's page") : Optional.empty();
        }
        String authority = authority(source.trim());
        if (authority == null || !authority.equalsIgnoreCase(host.trim())) {
            return Optional.of(header + " '" + source + "' is not this site (" + host + ")");
        }
        return Optional.empty();
    }

    private static String authority(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
