package dev.strela.brokertinkoff.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import ru.tinkoff.piapi.core.InvestApi;

/**
 * The channel to Tinkoff and the SDK over it. TLS always, except to a loopback address (a test server on this
 * machine), where plaintext may be asked for; plaintext to anything else is refused, so a token can never cross a
 * network in clear.
 */
final class Connection implements AutoCloseable {

    static final String LIVE_TARGET = "invest-public-api.tinkoff.ru:443";
    static final String SANDBOX_TARGET = "sandbox-invest-public-api.tinkoff.ru:443";

    private final ManagedChannel channel;
    private final InvestApi api;
    private final String target;

    private Connection(ManagedChannel channel, InvestApi api, String target) {
        this.channel = channel;
        this.api = api;
        this.target = target;
    }

    /**
     * Opens the channel and the SDK ({@code sandbox} or live). The SDK's static set-up reads its settings through the
     * thread's context class loader, so it is set to this bundle's while the SDK is created.
     */
    static Connection open(String target, boolean plaintext, boolean sandbox, CallPolicy policy) {
        if (plaintext && !isLoopback(target)) {
            throw new IllegalArgumentException("plaintext: allowed only to a loopback address (a local test server), not to "
                    + target + "; the token would cross the network in clear");
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).intercept(policy)
                .keepAliveTime(60, TimeUnit.SECONDS).maxInboundMessageSize(16 * 1024 * 1024);
        if (plaintext) {
            builder.usePlaintext();
        } else {
            builder.useTransportSecurity();
        }
        ManagedChannel channel = builder.build();
        InvestApi api = withBundleClassLoader(() -> sandbox ? InvestApi.createSandbox(channel) : InvestApi.create(channel));
        return new Connection(channel, api, target);
    }

    InvestApi api() {
        return api;
    }

    String target() {
        return target;
    }

    /** True when {@code target} ({@code host:port}, {@code [v6]:port}, optionally {@code dns:///...}) is this machine. */
    static boolean isLoopback(String target) {
        String host = target.startsWith("dns:///") ? target.substring("dns:///".length()) : target;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = host.substring(1, end);
        } else {
            int colon = host.lastIndexOf(':');
            host = colon > 0 ? host.substring(0, colon) : host;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            // only literal addresses: a name could resolve elsewhere tomorrow
            return host.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static <T> T withBundleClassLoader(Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Connection.class.getClassLoader());
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }
}
