package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.StatusRuntimeException;

import ru.tinkoff.piapi.contract.v1.Account;
import ru.tinkoff.piapi.contract.v1.CancelStopOrderRequest;
import ru.tinkoff.piapi.contract.v1.GetStopOrdersRequest;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusResponse;
import ru.tinkoff.piapi.contract.v1.Instrument;
import ru.tinkoff.piapi.contract.v1.InstrumentIdType;
import ru.tinkoff.piapi.contract.v1.InstrumentRequest;
import ru.tinkoff.piapi.contract.v1.InstrumentsServiceGrpc;
import ru.tinkoff.piapi.contract.v1.MoneyValue;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderState;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.PostOrderResponse;
import ru.tinkoff.piapi.contract.v1.PostStopOrderRequest;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;
import ru.tinkoff.piapi.contract.v1.StopOrder;
import ru.tinkoff.piapi.contract.v1.StopOrderDirection;
import ru.tinkoff.piapi.contract.v1.StopOrderExpirationType;
import ru.tinkoff.piapi.contract.v1.StopOrderType;
import ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc;
import ru.tinkoff.piapi.core.InvestApi;
import ru.tinkoff.piapi.core.models.Money;
import ru.tinkoff.piapi.core.models.Portfolio;
import ru.tinkoff.piapi.core.models.Position;
import ru.tinkoff.piapi.core.utils.MapperUtils;

import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.protective.ProtectiveLegs;
import dev.strela.api.protective.ProtectiveRole;

/**
 * The calls the adapter makes, over the official SDK ({@link InvestApi}), each through the {@link Retrier}. Orders
 * carry the platform's client order id as Tinkoff's idempotency key ({@code order_id}): a call repeated after a lost
 * answer, or after a restart, finds the order it already placed instead of placing a second one, whether the server
 * answers a repeated key with the existing order or with an error.
 *
 * <p>Sandbox and live differ only in the endpoint and the account: orders, their state and the portfolio go through
 * the same services (the SDK 1.6 sends them the same way in both modes); a sandbox account is opened and funded when
 * there is none.
 *
 * <p>Stop orders (StopOrdersService) go through the contract's own stub over the same channel, so they carry the
 * same {@link CallPolicy} (token, deadline, the {@code stop_orders} rate budget, whose reserve placing and cancelling
 * may use): the SDK 1.6 refuses every stop-order call on the client side in sandbox mode. The contract has no
 * idempotency key for a stop order; a post whose answer was lost is therefore looked for among the account's stop
 * orders (an identical one no working order knows of) before it is sent again.
 */
final class TinkoffClient {

    /** Tinkoff's answer to an {@code order_id} it has seen before, when it answers with an error. */
    static final String DUPLICATE_ORDER_ID = "30057";
    /** Tinkoff's answer to a stop order it does not have (waiting). */
    static final String STOP_ORDER_NOT_FOUND = "50006";
    private static final Logger LOG = LoggerFactory.getLogger(TinkoffClient.class);

    /** An order as the broker reports it: cumulative lots filled, their total value and commission so far. */
    record BrokerOrder(String brokerOrderId, String clientOrderId, String instrument, String figi, OrderSide side,
                       OrderStatus status, long lotsRequested, long lotsExecuted, BigDecimal executedValue,
                       BigDecimal commission, List<Stage> stages) {

        /** Average price per unit of what filled, or empty before any fill. */
        Optional<BigDecimal> averagePrice(int lot) {
            if (lotsExecuted == 0 || executedValue == null || executedValue.signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(executedValue.divide(BigDecimal.valueOf(lotsExecuted * (long) lot), 9, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros());
        }
    }

    /** One execution of an order: its price per unit, lots and the exchange's trade id. */
    record Stage(BigDecimal price, long lots, String tradeId) {
    }

    /** A holding on the account: the instrument (figi) and signed units, with the broker's average price. */
    record Holding(String figi, long units, BigDecimal averagePrice) {
    }

    /** Whether the instrument may be traded through the API now, and if not, why. */
    record Tradability(boolean tradable, String reason) {
    }

    /** What Tinkoff says an instrument is: the figures sizing and prices depend on. */
    record InstrumentInfo(String uid, String figi, String ticker, String classCode, int lot, BigDecimal minPriceIncrement,
                          String currency) {
    }

    /** Money on the account in one currency. */
    record Cash(BigDecimal total, BigDecimal blocked, BigDecimal portfolioValue) {
    }

    /**
     * A stop order waiting at Tinkoff (GetStopOrders lists only those): its side, lots and trigger price; the role
     * is null for a kind the platform does not place (a stop-limit).
     */
    record BrokerStop(String stopOrderId, String instrumentUid, String figi, OrderSide side, ProtectiveRole role, long lots,
                      BigDecimal stopPrice) {

        /** True when this is the leg described: same instrument (uid or figi), side, role, lots and stop price. */
        boolean sameAs(String instrument, OrderSide legSide, ProtectiveRole legRole, long legLots, BigDecimal level) {
            return (instrument.equals(instrumentUid) || instrument.equals(figi)) && side == legSide && role == legRole
                    && lots == legLots && stopPrice.compareTo(level) == 0;
        }
    }

    private final InvestApi api;
    private final Retrier retrier;
    private final String accountId;

    TinkoffClient(InvestApi api, Retrier retrier, String accountId) {
        this.api = api;
        this.retrier = retrier;
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    /**
     * The account to trade: {@code configured} when given (it must exist), else the only or first one; in the sandbox
     * an account is opened and paid {@code sandboxPayIn} roubles when there is none.
     */
    static String resolveAccount(InvestApi api, Retrier retrier, String configured, BigDecimal sandboxPayIn)
            throws Retrier.Failure, InterruptedException {
        List<Account> accounts = retrier.call("list accounts", () -> api.isSandboxMode()
                ? api.getSandboxService().getAccountsSync() : api.getUserService().getAccountsSync());
        if (configured != null && !configured.isBlank()) {
            if (accounts.stream().noneMatch(a -> a.getId().equals(configured))) {
                throw new IllegalStateException("account " + configured + " is not among the token's accounts "
                        + accounts.stream().map(Account::getId).toList());
            }
            return configured;
        }
        if (!accounts.isEmpty()) {
            return accounts.get(0).getId();
        }
        if (!api.isSandboxMode()) {
            throw new IllegalStateException("the token has no account to trade on");
        }
        String opened = retrier.call("open a sandbox account", () -> api.getSandboxService().openAccountSync());
        retrier.call("pay in to the sandbox account", () -> api.getSandboxService().payInSync(opened,
                MapperUtils.bigDecimalToMoneyValue(sandboxPayIn, "rub")));
        LOG.info("Tinkoff sandbox: account {} opened with {} rub", opened, sandboxPayIn.toPlainString());
        return opened;
    }

    /**
     * Places a market or limit order under {@code clientOrderId}. A repeated key gives the order placed before: the
     * server's answer for it, or, when it answers with {@value #DUPLICATE_ORDER_ID}, the order found among the
     * account's orders by its request id.
     */
    BrokerOrder place(String clientOrderId, String instrument, OrderSide side, long lots, BigDecimal limitPrice)
            throws Retrier.Failure, InterruptedException {
        OrderType type = limitPrice == null ? OrderType.ORDER_TYPE_MARKET : OrderType.ORDER_TYPE_LIMIT;
        Quotation price = limitPrice == null ? Quotation.getDefaultInstance() : MapperUtils.bigDecimalToQuotation(limitPrice);
        OrderDirection direction = side == OrderSide.BUY ? OrderDirection.ORDER_DIRECTION_BUY : OrderDirection.ORDER_DIRECTION_SELL;
        try {
            PostOrderResponse r = retrier.call("post order " + clientOrderId, () -> api.getOrdersService()
                    .postOrderSync(instrument, lots, price, direction, accountId, type, clientOrderId));
            return new BrokerOrder(r.getOrderId(), clientOrderId, instrument, r.getFigi(), side, status(r.getExecutionReportStatus()),
                    r.getLotsRequested(), r.getLotsExecuted(), null, money(r.getExecutedCommission()), List.of());
        } catch (Retrier.Failure f) {
            if (!DUPLICATE_ORDER_ID.equals(f.tinkoffCode())) {
                throw f;
            }
            Optional<BrokerOrder> existing = findByClientOrderId(clientOrderId);
            if (existing.isPresent()) {
                LOG.info("Order {} was placed before (broker order {}): not placed again", clientOrderId,
                        existing.get().brokerOrderId());
                return existing.get();
            }
            // placed before and no longer working (filled or cancelled): its broker id is not known here
            throw new Retrier.Failure("order " + clientOrderId + ": Tinkoff says it was placed before (" + DUPLICATE_ORDER_ID
                    + "), and it is not among the working orders: it may have filled; not placed again",
                    f.status(), f.tinkoffCode(), f.attempts(), true, f);
        }
    }

    /** The order's state now. */
    BrokerOrder state(String brokerOrderId) throws Retrier.Failure, InterruptedException {
        return order(retrier.call("order state " + brokerOrderId, () -> api.getOrdersService().getOrderStateSync(accountId, brokerOrderId)));
    }

    /**
     * The exchange order a triggered stop order became: among {@code active} (the account's working orders) the one
     * whose request id is the stop order's id, else the order Tinkoff reports under that id (GetOrderState); empty
     * when Tinkoff knows none (the stop was cancelled or expired, or its order refused before it existed).
     *
     * <p>The 1.6 contract's StopOrder does not name the exchange order it became, and GetStopOrders lists only waiting
     * stops; the loopback server links them through the request id. Whether Tinkoff's own API answers these lookups
     * for a triggered stop is not verified here: when it does not, the leg is taken as gone (a stop-loss is then a
     * critical error with safe mode, and reconciliation shows the fill the platform did not book).
     */
    Optional<BrokerOrder> orderOfStop(String stopOrderId, java.util.Collection<BrokerOrder> active)
            throws Retrier.Failure, InterruptedException {
        Optional<BrokerOrder> working = active.stream().filter(o -> stopOrderId.equals(o.clientOrderId())).findFirst();
        if (working.isPresent()) {
            return working;
        }
        try {
            return Optional.of(state(stopOrderId));
        } catch (Retrier.Failure f) {
            if (f.status() == io.grpc.Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** The account's active orders, the one placed under {@code clientOrderId}. */
    Optional<BrokerOrder> findByClientOrderId(String clientOrderId) throws Retrier.Failure, InterruptedException {
        return activeOrders().stream().filter(o -> clientOrderId.equals(o.clientOrderId())).findFirst();
    }

    /** The account's working orders, in one call. */
    List<BrokerOrder> activeOrders() throws Retrier.Failure, InterruptedException {
        return retrier.call("list orders", () -> api.getOrdersService().getOrdersSync(accountId)).stream()
                .map(TinkoffClient::order).toList();
    }

    void cancel(String brokerOrderId) throws Retrier.Failure, InterruptedException {
        retrier.call("cancel order " + brokerOrderId, () -> api.getOrdersService().cancelOrderSync(accountId, brokerOrderId));
    }

    /**
     * Places a protective leg as a stop order: {@code role} on {@code side} (the side opposite to the entry) for
     * {@code lots} lots, triggered at {@code level} put on {@code tick} toward the entry
     * ({@link ProtectiveLegs#level}), executed at market when triggered, good till cancelled. Before an attempt that
     * follows an answer that may have been lost, the account's stop orders are read: an identical one whose id is
     * not in {@code known} (the stops the platform already follows) is this one, and is returned instead of placing
     * a second.
     *
     * @return the stop order id
     */
    String postStopOrder(String instrument, ProtectiveRole role, OrderSide side, long lots, BigDecimal level, BigDecimal tick,
                         Set<String> known) throws Retrier.Failure, InterruptedException {
        BigDecimal stop = ProtectiveLegs.level(role, side, level, tick);
        PostStopOrderRequest request = PostStopOrderRequest.newBuilder().setInstrumentId(instrument).setQuantity(lots)
                .setStopPrice(MapperUtils.bigDecimalToQuotation(stop))
                .setDirection(side == OrderSide.BUY ? StopOrderDirection.STOP_ORDER_DIRECTION_BUY
                        : StopOrderDirection.STOP_ORDER_DIRECTION_SELL)
                .setAccountId(accountId).setExpirationType(StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_CANCEL)
                .setStopOrderType(role == ProtectiveRole.STOP_LOSS ? StopOrderType.STOP_ORDER_TYPE_STOP_LOSS
                        : StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT)
                .build();
        String what = "post " + role + " " + side + " " + lots + " lots of " + instrument + " at " + stop.toPlainString();
        boolean[] mayBeThere = {false};
        return retrier.call(what, () -> {
            if (mayBeThere[0]) {
                Optional<BrokerStop> same = readStopOrders().stream()
                        .filter(s -> !known.contains(s.stopOrderId()) && s.sameAs(instrument, side, role, lots, stop))
                        .findFirst();
                if (same.isPresent()) {
                    LOG.info("{}: placed before, its answer was lost (stop order {}); not placed again", what,
                            same.get().stopOrderId());
                    return same.get().stopOrderId();
                }
            }
            try {
                return stopStub().postStopOrder(request).getStopOrderId();
            } catch (StatusRuntimeException e) {
                // the server may have placed it and the answer was lost; its own rate limit means it did not
                mayBeThere[0] |= Retrier.RETRYABLE.contains(e.getStatus().getCode())
                        && e.getStatus().getCode() != io.grpc.Status.Code.RESOURCE_EXHAUSTED;
                throw e;
            }
        });
    }

    /** The account's stop orders still waiting for their price, in one call. */
    List<BrokerStop> stopOrders() throws Retrier.Failure, InterruptedException {
        return retrier.call("list stop orders", this::readStopOrders);
    }

    /**
     * Cancels a stop order. False when Tinkoff no longer has it waiting (it triggered, expired or was cancelled
     * already, possibly by an earlier attempt whose answer was lost); any other refusal is thrown.
     */
    boolean cancelStopOrder(String stopOrderId) throws Retrier.Failure, InterruptedException {
        try {
            retrier.call("cancel stop order " + stopOrderId, () -> stopStub().cancelStopOrder(CancelStopOrderRequest
                    .newBuilder().setAccountId(accountId).setStopOrderId(stopOrderId).build()));
            return true;
        } catch (Retrier.Failure f) {
            if (f.status() == io.grpc.Status.Code.NOT_FOUND || STOP_ORDER_NOT_FOUND.equals(f.tinkoffCode())) {
                return false;
            }
            throw f;
        }
    }

    private List<BrokerStop> readStopOrders() {
        return stopStub().getStopOrders(GetStopOrdersRequest.newBuilder().setAccountId(accountId).build())
                .getStopOrdersList().stream().map(TinkoffClient::stop).toList();
    }

    private StopOrdersServiceGrpc.StopOrdersServiceBlockingStub stopStub() {
        return StopOrdersServiceGrpc.newBlockingStub(api.getChannel());
    }

    static BrokerStop stop(StopOrder s) {
        ProtectiveRole role = switch (s.getOrderType()) {
            case STOP_ORDER_TYPE_STOP_LOSS -> ProtectiveRole.STOP_LOSS;
            case STOP_ORDER_TYPE_TAKE_PROFIT -> ProtectiveRole.TAKE_PROFIT;
            default -> null;
        };
        OrderSide side = s.getDirection() == StopOrderDirection.STOP_ORDER_DIRECTION_SELL ? OrderSide.SELL : OrderSide.BUY;
        return new BrokerStop(s.getStopOrderId(), s.getInstrumentUid(), s.getFigi(), side, role, s.getLotsRequested(),
                money(s.getStopPrice()).stripTrailingZeros());
    }

    /** Securities and futures held, from the portfolio (which carries the average price). */
    List<Holding> holdings() throws Retrier.Failure, InterruptedException {
        Portfolio portfolio = retrier.call("portfolio", () -> api.getOperationsService().getPortfolioSync(accountId));
        List<Holding> held = new ArrayList<>();
        for (Position p : portfolio.getPositions()) {
            if ("currency".equals(p.getInstrumentType()) || p.getQuantity() == null || p.getQuantity().signum() == 0) {
                continue;
            }
            BigDecimal average = p.getAveragePositionPrice() == null ? BigDecimal.ZERO : p.getAveragePositionPrice().getValue();
            held.add(new Holding(p.getFigi(), p.getQuantity().longValueExact(), average));
        }
        return held;
    }

    /** Roubles on the account, what of them is blocked by working orders, and the portfolio's value. */
    Cash cash() throws Retrier.Failure, InterruptedException {
        var positions = retrier.call("positions", () -> api.getOperationsService().getPositionsSync(accountId));
        Portfolio portfolio = retrier.call("portfolio", () -> api.getOperationsService().getPortfolioSync(accountId));
        BigDecimal total = rub(positions.getMoney());
        BigDecimal blocked = rub(positions.getBlocked());
        Money value = portfolio.getTotalAmountPortfolio();
        return new Cash(total, blocked, value == null ? total : value.getValue());
    }

    /** The exchange's trading status of the instrument and the API's flags, for a market or a limit order. */
    Tradability tradability(String instrument, boolean market) throws Retrier.Failure, InterruptedException {
        GetTradingStatusResponse s = retrier.call("trading status " + instrument,
                () -> api.getMarketDataService().getTradingStatusSync(instrument));
        if (!s.getApiTradeAvailableFlag()) {
            return new Tradability(false, "not tradable through the API");
        }
        if (s.getTradingStatus() != SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING) {
            return new Tradability(false, "trading status " + s.getTradingStatus().name());
        }
        if (market ? !s.getMarketOrderAvailableFlag() : !s.getLimitOrderAvailableFlag()) {
            return new Tradability(false, (market ? "market" : "limit") + " orders not accepted now");
        }
        return new Tradability(true, "");
    }

    /** The instrument by its uid (a UUID) or figi, from InstrumentsService. */
    InstrumentInfo instrument(String id) throws Retrier.Failure, InterruptedException {
        InstrumentIdType type = id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                ? InstrumentIdType.INSTRUMENT_ID_TYPE_UID : InstrumentIdType.INSTRUMENT_ID_TYPE_FIGI;
        // the SDK 1.6 wraps only the figi and ticker lookups: the contract's own stub, over the same channel and policy
        Instrument i = retrier.call("instrument " + id, () -> InstrumentsServiceGrpc.newBlockingStub(api.getChannel())
                .getInstrumentBy(InstrumentRequest.newBuilder().setIdType(type).setId(id).build()).getInstrument());
        return new InstrumentInfo(i.getUid(), i.getFigi(), i.getTicker(), i.getClassCode(), i.getLot(),
                MapperUtils.quotationToBigDecimal(i.getMinPriceIncrement()).stripTrailingZeros(),
                i.getCurrency().toLowerCase(java.util.Locale.ROOT));
    }

    private static BigDecimal rub(List<Money> money) {
        return money.stream().filter(m -> "rub".equalsIgnoreCase(m.getCurrency())).map(Money::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BrokerOrder order(OrderState s) {
        OrderSide side = s.getDirection() == OrderDirection.ORDER_DIRECTION_SELL ? OrderSide.SELL : OrderSide.BUY;
        String instrument = s.getInstrumentUid().isEmpty() ? s.getFigi() : s.getInstrumentUid();
        return new BrokerOrder(s.getOrderId(), s.getOrderRequestId(), instrument, s.getFigi(), side, status(s.getExecutionReportStatus()),
                s.getLotsRequested(), s.getLotsExecuted(), money(s.getExecutedOrderPrice()), money(s.getExecutedCommission()),
                s.getStagesList().stream().map(st -> new Stage(money(st.getPrice()), st.getQuantity(), st.getTradeId())).toList());
    }

    static OrderStatus status(ru.tinkoff.piapi.contract.v1.OrderExecutionReportStatus s) {
        switch (s) {
            case EXECUTION_REPORT_STATUS_FILL:
                return OrderStatus.FILLED;
            case EXECUTION_REPORT_STATUS_PARTIALLYFILL:
                return OrderStatus.PARTIALLY_FILLED;
            case EXECUTION_REPORT_STATUS_CANCELLED:
                return OrderStatus.CANCELLED;
            case EXECUTION_REPORT_STATUS_REJECTED:
                return OrderStatus.REJECTED;
            default:
                return OrderStatus.SUBMITTED;
        }
    }

    private static BigDecimal money(MoneyValue m) {
        return m == null ? BigDecimal.ZERO : MapperUtils.moneyValueToBigDecimal(m);
    }
}
