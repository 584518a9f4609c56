package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@link TinkoffConfig} checked: every value in range, live only when confirmed ({@code liveConfirmed = true}) and on
 * a named account, plaintext only to loopback. A bad value throws {@link IllegalArgumentException} naming it and what
 * is expected; nothing starts on a broken setting.
 */
record Settings(boolean sandbox, String target, boolean plaintext, String tokenEnv, Path tokenFile, String accountId,
                BigDecimal sandboxPayIn, String appName, Duration requestTimeout, int retryAttempts, Duration retryInitial,
                Duration retryMax, Duration poll, Duration stopPoll, Duration sendWindow, Map<String, Integer> rateLimits, double reserveShare,
                CandleSettings candles) {

    static Settings from(TinkoffConfig c, Path karafHome) {
        String mode = c.mode() == null ? "" : c.mode().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("sandbox") && !mode.equals("live")) {
            throw new IllegalArgumentException("mode: sandbox or live, was '" + c.mode() + "'");
        }
        boolean sandbox = mode.equals("sandbox");
        if (!sandbox && !c.liveConfirmed()) {
            throw new IllegalArgumentException("mode=live needs liveConfirmed=true as well (orders then spend real money);"
                    + " not connecting");
        }
        if (!sandbox && (c.accountId() == null || c.accountId().isBlank())) {
            // with real money the account is named, never "the token's first one"
            throw new IllegalArgumentException("mode=live needs accountId: the account to trade, named explicitly;"
                    + " not connecting");
        }
        String target = c.target() == null || c.target().isBlank()
                ? (sandbox ? Connection.SANDBOX_TARGET : Connection.LIVE_TARGET) : c.target().trim();
        if (c.plaintext() && !Connection.isLoopback(target)) {
            throw new IllegalArgumentException("plaintext: only to a loopback address, not to " + target);
        }
        Path tokenFile = Path.of(c.tokenFile().trim());
        if (!tokenFile.isAbsolute() && karafHome != null) {
            tokenFile = karafHome.resolve(tokenFile);
        }
        BigDecimal payIn;
        try {
            payIn = new BigDecimal(c.sandboxPayIn().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sandboxPayIn: a number of roubles, was '" + c.sandboxPayIn() + "'");
        }
        double reserve;
        try {
            reserve = Double.parseDouble(c.reserveShare().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reserveShare: 0 to 0.5, was '" + c.reserveShare() + "'");
        }
        if (!(reserve >= 0 && reserve <= 0.5)) {
            throw new IllegalArgumentException("reserveShare: 0 to 0.5, was " + reserve);
        }
        positive("requestTimeoutMillis", c.requestTimeoutMillis());
        positive("retryAttempts", c.retryAttempts());
        positive("retryInitialMillis", c.retryInitialMillis());
        positive("pollMillis", c.pollMillis());
        positive("stopPollMillis", c.stopPollMillis());
        positive("sendWindowSeconds", c.sendWindowSeconds());
        if (c.retryMaxMillis() < c.retryInitialMillis()) {
            throw new IllegalArgumentException("retryMaxMillis: at least retryInitialMillis (" + c.retryInitialMillis()
                    + "), was " + c.retryMaxMillis());
        }
        return new Settings(sandbox, target, c.plaintext(), c.tokenEnv(), tokenFile,
                c.accountId() == null ? "" : c.accountId().trim(), payIn, c.appName(),
                Duration.ofMillis(c.requestTimeoutMillis()), c.retryAttempts(), Duration.ofMillis(c.retryInitialMillis()),
                Duration.ofMillis(c.retryMaxMillis()), Duration.ofMillis(c.pollMillis()), Duration.ofMillis(c.stopPollMillis()),
                Duration.ofSeconds(c.sendWindowSeconds()), RateBudget.parseLimits(c.rateLimits()), reserve, CandleSettings.from(c));
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": must be positive, was " + value);
        }
    }

    /** What the status shows: never the token. */
    String describe() {
        return (sandbox ? "sandbox" : "LIVE") + " at " + target + (plaintext ? " (plaintext, loopback)" : " (TLS)");
    }
}
