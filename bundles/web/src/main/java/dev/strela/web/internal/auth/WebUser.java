package dev.strela.web.internal.auth;

/**
 * A signed-in user of the monitor. {@code via}: {@link #SESSION} (the login form) or {@link #BASIC} (HTTP Basic on
 * each request, for scripts).
 */
public record WebUser(String name, String via) {

    public static final String SESSION = "session";
    public static final String BASIC = "basic";

    /** How a trading-control change names its author in {@code trading_control_log.changed_by}. */
    public String changedBy() {
        return "web:" + name;
    }
}
