package dev.strela.testing.tinkoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.Exchange;
import dev.strela.testing.tinkoff.internal.InstrumentsGrpcService;
import dev.strela.testing.tinkoff.internal.MarketDataGrpcService;
import dev.strela.testing.tinkoff.internal.MarketDataStreamGrpcService;
import dev.strela.testing.tinkoff.internal.OperationsGrpcService;
import dev.strela.testing.tinkoff.internal.OrdersGrpcService;
import dev.strela.testing.tinkoff.internal.OrdersStreamGrpcService;
import dev.strela.testing.tinkoff.internal.SandboxGrpcService;
import dev.strela.testing.tinkoff.internal.StopOrdersGrpcService;
import dev.strela.testing.tinkoff.internal.UsersGrpcService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;

/**
 * A stand-in for the Tinkoff Invest API sandbox: a real gRPC server (Netty, plaintext, on 127.0.0.1 with a port the
 * OS picks) serving the contract of {@code ru.tinkoff.piapi:java-sdk-core:1.6}, plus the same services in-process.
 * Tests drive a client (the SDK's {@code InvestApi.create(channel)} or {@code createSandbox(channel)}, or an
 * adapter) against it and steer the "market" from the test through {@link #market()}, {@link #orders()},
 * {@link #accounts()}, {@link #streams()} and {@link #faults()}; {@link #requests()} shows what the client sent.
 *
 * <h2>What is served</h2>
 * UsersService (GetAccounts, GetInfo, GetUserTariff); SandboxService (accounts, pay-in, and the sandbox order,
 * position, portfolio, operations and withdraw-limit RPCs); OrdersService (PostOrder, CancelOrder, GetOrderState,
 * GetOrders, ReplaceOrder); OrdersStreamService.TradesStream; StopOrdersService; OperationsService (GetOperations,
 * GetPortfolio, GetPositions, GetWithdrawLimits); InstrumentsService (GetInstrumentBy, ShareBy, FutureBy, Shares,
 * Futures); MarketDataService (GetCandles, GetLastPrices, GetTradingStatus(es)); MarketDataStreamService (both
 * streams; candle and last-price subscriptions are fed). Anything else answers UNIMPLEMENTED. The sandbox RPCs and
 * the regular ones share one book: an order placed with PostSandboxOrder is visible to GetOrderState and moves the
 * positions GetPositions reports, and the other way round. SDK 1.6 in sandbox mode sends orders through
 * OrdersService (its OrdersService has no sandbox switch), positions and portfolio through OperationsService, and
 * refuses every stop-order call on the client side; its SandboxService wrapper uses the Sandbox* RPCs.
 *
 * <h2>How it behaves</h2>
 * Quantities are in lots; prices are per instrument and converted exactly (BigDecimal, never double). PostOrder's
 * {@code order_id} is an idempotency key per account: a repeat never creates a second order
 * ({@link DuplicateOrderPolicy}). Market orders fill at the price the test set ({@link MarketFillMode}); a limit
 * order fills at once at the current price when it is marketable, otherwise it rests until the test moves the
 * price to or through it and then fills at its limit. Commission is 0.05% of the traded value per trade, rounded
 * half up to kopecks, and changeable. Buys are refused with 30034 when free cash (cash minus what active buy orders
 * hold) does not cover value plus commission; sells are never checked, so short positions are allowed. Stop
 * orders trigger when the test moves the price through them (take-profit: a sell at or above its stop price, a buy
 * at or below; stop-loss and stop-limit the other way) and become a market order (take-profit, stop-loss) or a
 * limit order at their price (stop-limit). Refusals carry Tinkoff's numeric code in the status description and a
 * text in the {@code message} trailer; every answer carries an {@code x-tracking-id}.
 *
 * <h2>Where it deliberately differs from the real sandbox</h2>
 * <ul>
 *   <li>No order book, no liquidity, no slippage: every fill is at the test's price, in full unless the test fills
 *       partially by hand; no trading sessions or calendar, only the instrument's trading status.</li>
 *   <li>Futures settle like shares (cash moves by price x quantity); there is no guarantee margin and no variation
 *       margin. Bonds, ETFs, currencies and options are not modelled; the portfolio sums every currency as rubles.</li>
 *   <li>A stop order is only checked when the test moves the price, so one whose condition already holds when it is
 *       placed triggers at the next price move. The take-profit/stop-loss {@code price} field is ignored.</li>
 *   <li>GetOrderState and CancelOrder also accept the client's idempotency key in {@code order_id}.</li>
 *   <li>OrderTrade.quantity in the trades stream is in pieces (lots x lot), as the contract's comment says; the
 *       order's stages are in lots.</li>
 *   <li>Candles: one-minute only (other intervals: 30011 in GetCandles, INTERVAL_IS_INVALID in the stream), at most
 *       one day per GetCandles request, {@code from} inclusive and {@code to} exclusive. Order book, trade and
 *       trading-status subscriptions are acknowledged but never fed.</li>
 *   <li>No rate limits of its own: count requests with {@link #requests()} or script RESOURCE_EXHAUSTED with
 *       {@link #faults()}. No token is checked unless {@link #requireToken(String)} is called.</li>
 * </ul>
 * Thread-safe: the trading state sits behind one lock, so a fill moves order, cash, position and the trades stream
 * together.
 */
public final class TinkoffSandboxServer implements AutoCloseable {
    private static final int SHUTDOWN_SECONDS = 5;

    private final Exchange exchange;
    private final RequestLog requests = new RequestLog();
    private final FaultScript faults = new FaultScript();
    private final ControlInterceptor interceptor;
    private final String inProcessName = "tinkoff-sandbox-" + UUID.randomUUID();
    private final SandboxAccounts accounts;
    private final SandboxMarket market;
    private final SandboxOrders orders;
    private final SandboxStreams streams;
    private Server tcpServer;
    private Server inProcessServer;

    /** A server on the system UTC clock. */
    public TinkoffSandboxServer() {
        this(Clock.systemUTC());
    }

    /** A server whose order, trade, operation and request times come from {@code clock}. */
    public TinkoffSandboxServer(Clock clock) {
        this.exchange = new Exchange(clock);
        this.interceptor = new ControlInterceptor(clock, requests, faults);
        this.accounts = new SandboxAccounts(exchange);
        this.market = new SandboxMarket(exchange);
        this.orders = new SandboxOrders(exchange);
        this.streams = new SandboxStreams(exchange);
    }

    /** Starts listening on 127.0.0.1 (port chosen by the OS) and in-process under {@link #inProcessName()}. */
    public synchronized TinkoffSandboxServer start() {
        if (tcpServer != null) {
            throw new IllegalStateException("already started on port " + tcpServer.getPort());
        }
        try {
            NettyServerBuilder tcp = NettyServerBuilder.forAddress(new InetSocketAddress(loopback(), 0));
            InProcessServerBuilder local = InProcessServerBuilder.forName(inProcessName);
            for (ServerServiceDefinition service : services()) {
                tcp.addService(service);
                local.addService(service);
            }
            tcpServer = tcp.build().start();
            inProcessServer = local.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the sandbox server", e);
        }
        return this;
    }

    private List<ServerServiceDefinition> services() {
        List<BindableService> services = List.of(
                new UsersGrpcService(exchange), new SandboxGrpcService(exchange), new OrdersGrpcService(exchange),
                new OrdersStreamGrpcService(exchange), new StopOrdersGrpcService(exchange),
                new OperationsGrpcService(exchange), new InstrumentsGrpcService(exchange),
                new MarketDataGrpcService(exchange), new MarketDataStreamGrpcService(exchange));
        return services.stream().map(s -> ServerInterceptors.intercept(s, interceptor)).toList();
    }

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    }

    /** The TCP port on 127.0.0.1. */
    public synchronized int port() {
        if (tcpServer == null) {
            throw new IllegalStateException("not started");
        }
        return tcpServer.getPort();
    }

    /** {@code 127.0.0.1:<port>}, a gRPC target string. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    /** The name for {@code InProcessChannelBuilder.forName(...)}. */
    public String inProcessName() {
        return inProcessName;
    }

    /**
     * A plaintext TCP channel to this server that sends {@code Authorization: Bearer <token>} and an
     * {@code x-app-name}, as the SDK's own channels do. The caller shuts it down.
     */
    public ManagedChannel openChannel(String token) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port())
                .usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers(token)))
                .build();
    }

    /** Like {@link #openChannel(String)} but in-process, without sockets. */
    public ManagedChannel openInProcessChannel(String token) {
        return InProcessChannelBuilder.forName(inProcessName)
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers(token)))
                .build();
    }

    private static Metadata headers(String token) {
        Metadata headers = new Metadata();
        headers.put(ControlInterceptor.AUTHORIZATION, "Bearer " + token);
        headers.put(Metadata.Key.of("x-app-name", Metadata.ASCII_STRING_MARSHALLER), "strela-tests");
        return headers;
    }

    /**
     * From now on refuse (UNAUTHENTICATED, code 40003) every call whose {@code authorization} header is not
     * {@code Bearer <token>}; {@code null} accepts any again.
     */
    public void requireToken(String token) {
        interceptor.requireToken(token);
    }

    public SandboxAccounts accounts() {
        return accounts;
    }

    public SandboxMarket market() {
        return market;
    }

    public SandboxOrders orders() {
        return orders;
    }

    public SandboxStreams streams() {
        return streams;
    }

    public FaultScript faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    /** Stops both listeners at once, cancelling open calls and streams. */
    @Override
    public synchronized void close() {
        for (Server server : new Server[] {tcpServer, inProcessServer}) {
            if (server == null) {
                continue;
            }
            server.shutdownNow();
            try {
                server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
