package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;

/**
 * An instrument a test registers with {@link SandboxMarket#register(TestInstrument)}: what InstrumentsService and
 * the trading-status RPCs answer, and what orders are checked against (lot, price increment, currency, trading
 * status and the API/buy/sell flags). Only shares and futures are modelled.
 *
 * @param kind              share or future
 * @param figi              FIGI, e.g. {@code BBG004730N88}
 * @param uid               instrument_uid
 * @param ticker            ticker, e.g. {@code SBER}
 * @param classCode         trading section, e.g. {@code TQBR} or {@code SPBFUT}
 * @param lot               instruments per lot; order quantities are in lots
 * @param minPriceIncrement the price step; limit and stop prices must be multiples of it
 * @param currency          settlement currency, lower case as Tinkoff sends it ({@code rub})
 * @param tradingStatus     the current trading status; orders need normal trading
 * @param apiTradeAvailable whether the API may trade it (otherwise orders are refused with 30052)
 * @param buyAvailable      whether buying is allowed (otherwise buys are refused with 30079)
 * @param sellAvailable     whether selling is allowed (otherwise sells are refused with 30079)
 * @param name              display name
 * @param positionUid       position_uid
 */
public record TestInstrument(Kind kind, String figi, String uid, String ticker, String classCode, int lot,
                             BigDecimal minPriceIncrement, String currency, SecurityTradingStatus tradingStatus,
                             boolean apiTradeAvailable, boolean buyAvailable, boolean sellAvailable, String name,
                             String positionUid) {

    /** What the instrument is; decides which InstrumentsService lookup finds it and how positions report it. */
    public enum Kind {
        SHARE("share"), FUTURE("futures");

        private final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }

        /** The instrument_type string Tinkoff uses ({@code share}, {@code futures}). */
        public String apiName() {
            return apiName;
        }
    }

    public TestInstrument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(figi, "figi");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(classCode, "classCode");
        Objects.requireNonNull(minPriceIncrement, "minPriceIncrement");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(tradingStatus, "tradingStatus");
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive: lot=" + lot);
        }
        currency = currency.toLowerCase(Locale.ROOT);
    }

    /** A share in TQBR: lot 1, step 0.01, rubles, normal trading, every flag on; change with the builder. */
    public static Builder share(String figi, String uid, String ticker) {
        return new Builder(Kind.SHARE, figi, uid, ticker, "TQBR", new BigDecimal("0.01"));
    }

    /** A future in SPBFUT: lot 1, step 1, rubles, normal trading, every flag on; change with the builder. */
    public static Builder future(String figi, String uid, String ticker) {
        return new Builder(Kind.FUTURE, figi, uid, ticker, "SPBFUT", BigDecimal.ONE);
    }

    /** This instrument with another trading status. */
    public TestInstrument withTradingStatus(SecurityTradingStatus status) {
        return new TestInstrument(kind, figi, uid, ticker, classCode, lot, minPriceIncrement, currency, status,
                apiTradeAvailable, buyAvailable, sellAvailable, name, positionUid);
    }

    /** True when the figi or the uid equals {@code id}, the two ways the API names an instrument. */
    public boolean isIdentifiedBy(String id) {
        return figi.equals(id) || uid.equals(id);
    }

    /** True when limit and market orders are accepted in the current trading status. */
    public boolean isTrading() {
        return tradingStatus == SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING
                || tradingStatus == SecurityTradingStatus.SECURITY_TRADING_STATUS_DEALER_NORMAL_TRADING;
    }

    /** Builds a {@link TestInstrument}; every setter returns the builder. */
    public static final class Builder {
        private final Kind kind;
        private final String figi;
        private final String uid;
        private final String ticker;
        private String classCode;
        private int lot = 1;
        private BigDecimal minPriceIncrement;
        private String currency = "rub";
        private SecurityTradingStatus tradingStatus = SecurityTradingStatus.SECURITY_TRADING_STATUS_NORMAL_TRADING;
        private boolean apiTradeAvailable = true;
        private boolean buyAvailable = true;
        private boolean sellAvailable = true;
        private String name;
        private String positionUid;

        private Builder(Kind kind, String figi, String uid, String ticker, String classCode, BigDecimal step) {
            this.kind = kind;
            this.figi = figi;
            this.uid = uid;
            this.ticker = ticker;
            this.classCode = classCode;
            this.minPriceIncrement = step;
            this.name = ticker;
            this.positionUid = "position-" + uid;
        }

        public Builder classCode(String value) {
            classCode = value;
            return this;
        }

        public Builder lot(int value) {
            lot = value;
            return this;
        }

        public Builder minPriceIncrement(String value) {
            minPriceIncrement = new BigDecimal(value);
            return this;
        }

        public Builder currency(String value) {
            currency = value;
            return this;
        }

        public Builder tradingStatus(SecurityTradingStatus value) {
            tradingStatus = value;
            return this;
        }

        public Builder apiTradeAvailable(boolean value) {
            apiTradeAvailable = value;
            return this;
        }

        public Builder buyAvailable(boolean value) {
            buyAvailable = value;
            return this;
        }

        public Builder sellAvailable(boolean value) {
            sellAvailable = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder positionUid(String value) {
            positionUid = value;
            return this;
        }

        public TestInstrument build() {
            return new TestInstrument(kind, figi, uid, ticker, classCode, lot, minPriceIncrement, currency,
                    tradingStatus, apiTradeAvailable, buyAvailable, sellAvailable, name, positionUid);
        }
    }
}
