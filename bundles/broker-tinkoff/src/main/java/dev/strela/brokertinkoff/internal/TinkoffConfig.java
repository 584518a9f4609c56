package dev.strela.brokertinkoff.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/dev.strela.broker.tinkoff.cfg}: the Tinkoff adapter. Off until {@code enabled = true}; the sandbox unless
 * {@code mode = live} AND {@code liveConfirmed = true} (and {@code accountId} names the account). The token is never in
 * this file: it comes from the environment variable {@link #tokenEnv()} or the owner-only file {@link #tokenFile()}.
 */
@ObjectClassDefinition(name = "Strela Tinkoff broker adapter")
public @interface TinkoffConfig {

    String PID = "dev.strela.broker.tinkoff";

    @AttributeDefinition(description = "Connect to Tinkoff and take the live run's orders")
    boolean enabled() default false;

    @AttributeDefinition(description = "sandbox (default) or live")
    String mode() default "sandbox";

    @AttributeDefinition(description = "Must be true as well for mode=live: orders, and the stop-loss and take-profit"
            + " stop orders placed for them, then spend real money")
    boolean liveConfirmed() default false;

    @AttributeDefinition(description = "host:port of the API; empty = Tinkoff's endpoint for the mode")
    String target() default "";

    @AttributeDefinition(description = "Plaintext instead of TLS; refused unless the target is a loopback address (a local test server)")
    boolean plaintext() default false;

    @AttributeDefinition(description = "Environment variable holding the token (it wins over the file)")
    String tokenEnv() default "STRELA_TINKOFF_TOKEN";

    @AttributeDefinition(description = "File holding the token, readable by its owner only (chmod 600); relative to the Karaf home")
    String tokenFile() default "etc/strela-tinkoff.token";

    @AttributeDefinition(description = "Account to trade; empty = the token's first account (the sandbox opens one if"
            + " there is none); required for mode=live")
    String accountId() default "";

    @AttributeDefinition(description = "Roubles paid into a sandbox account this adapter opens")
    String sandboxPayIn() default "1000000";

    @AttributeDefinition(description = "Application name sent with every call (x-app-name)")
    String appName() default "dev.strela";

    @AttributeDefinition(description = "Deadline of each call (ms)")
    long requestTimeoutMillis() default 10_000;

    @AttributeDefinition(description = "Attempts per call on failures that may pass (network, unavailable, rate limit)")
    int retryAttempts() default 5;

    @AttributeDefinition(description = "First backoff step (ms); each next is twice as long, with full jitter")
    long retryInitialMillis() default 250;

    @AttributeDefinition(description = "Longest backoff step (ms)")
    long retryMaxMillis() default 8_000;

    @AttributeDefinition(description = "How often new orders are looked for and working orders are asked about (ms)")
    long pollMillis() default 1_000;

    @AttributeDefinition(description = "How often, at most, the account's stop orders are asked about (GetStopOrders, in the"
            + " stop_orders budget) while stop-loss or take-profit orders are working (ms)")
    long stopPollMillis() default 5_000;

    @AttributeDefinition(description = "An order not placed at Tinkoff this many seconds after it was decided (Tinkoff not"
            + " answering, every retry failed) is given up: REJECTED with the last error, never sent late")
    long sendWindowSeconds() default 60;

    @AttributeDefinition(description = "Requests per minute per service, below Tinkoff's documented quotas")
    String rateLimits() default "orders=80, stop_orders=40, operations=160, instruments=160, market_data=240, users=80, sandbox=160";

    @AttributeDefinition(description = "Share of each budget kept for cancels and for placing and cancelling stop orders"
            + " (0 to 0.5)")
    String reserveShare() default "0.2";

    @AttributeDefinition(description = "Stream the finished 1-minute candles of the instruments of enabled live rows into the"
            + " data feed (only while the adapter is enabled)")
    boolean candles() default true;

    @AttributeDefinition(description = "More instruments (uid or figi, comma separated) whose candles are streamed as well")
    String candleInstruments() default "";

    @AttributeDefinition(description = "A candle stream without any message (candle, ping, answer) for this long during"
            + " candleWatchHours is closed and subscribed again, the missed minutes read back (s); after half of it"
            + " the stream is asked whether it is alive")
    int streamSilenceSeconds() default 30;

    @AttributeDefinition(description = "First wait before subscribing again after the stream failed (ms); each next is"
            + " twice as long, with full jitter")
    long streamRetryInitialMillis() default 1_000;

    @AttributeDefinition(description = "Longest wait before subscribing again (ms)")
    long streamRetryMaxMillis() default 60_000;

    @AttributeDefinition(description = "When silence of the candle stream counts: HH:mm-HH:mm Moscow time, Monday to"
            + " Friday, or always; its start is also where the first read-back of the day begins")
    String candleWatchHours() default "09:50-23:50";
}
