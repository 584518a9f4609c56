package dev.strela.datafeed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.persistence.MarketDataRepository.CandleSource;

/** The engine on a real (plain, non-OSGi) Camel context: stored minutes published before the bars they close. */
class FeedEngineTest {

    private final InMemoryMarketData repository = new InMemoryMarketData();
    private final RecordingErrorLog errors = new RecordingErrorLog();
    private final List<String> seen = new ArrayList<>();
    private CamelContext camel;
    private ProducerTemplate producer;

    @AfterEach
    void stop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void accept_whenMinutesCloseABar_thenMinutesPublishedInOrderBeforeTheBarClose() throws Exception {
        FeedEngine feed = engine(true, false);
        List<Bar> minutes = minutes("SBER", "2024-03-04T10:00", 5);

        FeedEngine.BatchResult result = feed.accept(minutes, CandleSource.GENERATOR, null);

        assertThat(result.barsClosed()).isEqualTo(1);
        assertThat(seen).containsExactly(
                "minutes 5 SBER 2024-03-04T07:00:00Z..2024-03-04T07:04:00Z",
                "bar-close SBER 5m 2024-03-04T07:00:00Z");
        assertThat(errors.events()).isEmpty();
    }

    @Test
    void advanceClock_whenItClosesABar_thenNoMinutesPublished() throws Exception {
        FeedEngine feed = engine(true, false);
        feed.accept(minutes("SBER", "2024-03-04T10:00", 3), CandleSource.TINKOFF, null);
        seen.clear();

        feed.advanceClock(msk("2024-03-04T10:06"), null);

        assertThat(seen).containsExactly("bar-close SBER 5m 2024-03-04T07:00:00Z");
    }

    @Test
    void accept_whenNobodyListensToStoredMinutes_thenTheFeedGoesOnWithoutError() throws Exception {
        FeedEngine feed = engine(false, false);

        long start = System.nanoTime();
        FeedEngine.BatchResult result = feed.accept(minutes("SBER", "2024-03-04T10:00", 5), CandleSource.FILE, null);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for a consumer (direct's block/timeout)")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(result.stored().inserted()).isEqualTo(5);
        assertThat(seen).containsExactly("bar-close SBER 5m 2024-03-04T07:00:00Z");
        assertThat(errors.events()).isEmpty();
    }

    @Test
    void accept_whenTheListenerThrows_thenInternalErrorOfTheDataFeedAndBarsStillStoredAndAnnounced() throws Exception {
        FeedEngine feed = engine(true, true);

        FeedEngine.BatchResult result = feed.accept(minutes("SBER", "2024-03-04T10:00", 5), CandleSource.GENERATOR, null);

        assertThat(result.barsClosed()).isEqualTo(1);
        assertThat(repository.all("SBER", Timeframe.M5)).hasSize(1);
        assertThat(seen).containsExactly(
                "minutes 5 SBER 2024-03-04T07:00:00Z..2024-03-04T07:04:00Z",
                "bar-close SBER 5m 2024-03-04T07:00:00Z");
        assertThat(errors.events()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("internal_error");
            assertThat(e.source()).isEqualTo(ErrorSource.DATA_FEED);
            assertThat(e.message()).contains("broker is broken").contains("minutes=5");
            assertThat(e.stackTrace()).contains("IllegalStateException");
        });

        feed.accept(minutes("SBER", "2024-03-04T10:05", 5), CandleSource.GENERATOR, null);
        assertThat(errors.events()).as("each failing batch is reported, the next is still tried")
                .extracting(ErrorEvent::code).containsExactly("internal_error", "internal_error");
        assertThat(repository.all("SBER", Timeframe.M5)).hasSize(2);
    }

    @Test
    void resume_thenTheOpenBarIsCompletedFromTheMinutesBeforeTheRestart_andNothingIsStoredOrSentForThem() throws Exception {
        FeedEngine feed = engine(true, false);
        List<Bar> day = rising("SBER", "2024-03-04T10:00", 5);
        repository.upsertMinutes(day.subList(0, 3), CandleSource.GENERATOR);

        feed.resume(day.subList(0, 3));
        assertThat(seen).isEmpty();
        feed.accept(day.subList(3, 5), CandleSource.GENERATOR, null);

        assertThat(seen).containsExactly(
                "minutes 2 SBER 2024-03-04T07:03:00Z..2024-03-04T07:04:00Z",
                "bar-close SBER 5m 2024-03-04T07:00:00Z");
        assertThat(repository.all("SBER", Timeframe.M5)).singleElement().satisfies(bar -> {
            assertThat(bar.open()).isEqualByComparingTo("100.00");
            assertThat(bar.low()).isEqualByComparingTo("100.00");
            assertThat(bar.close()).isEqualByComparingTo("100.04");
            assertThat(bar.volume()).isEqualTo(50);
        });
    }

    /**
     * What the Tinkoff adapter's candle stream does after a reconnect: the minutes it missed are read back and sent one
     * by one, in time order, through the live path (as {@code LiveFeed.onCandle} hands them on, with the wall clock of
     * their arrival). They are all stored; a bar they close whose end lies more than {@code barMaxAgeSeconds} (2 min
     * here) before now is not announced ({@code bar_too_old}); a bar the wall clock had closed short is revised, not
     * announced again; only the bars that ended within the limit are announced, as they would have been live.
     */
    @Test
    void accept_whenMinutesReadBackAfterAReconnectArriveLate_thenAllStoredButNoBarCloseForPastBars() throws Exception {
        FeedEngine feed = engine(false, false);
        for (Bar minute : minutes("SBER", "2024-03-04T10:00", 3)) {   // live until 10:02, then the stream drops
            feed.accept(List.of(minute), CandleSource.TINKOFF, minute.closeTime().plusSeconds(1));
        }
        feed.advanceClock(msk("2024-03-04T10:05"), msk("2024-03-04T10:05:05"));   // the wall clock closes 10:00 short
        assertThat(seen).containsExactly("bar-close SBER 5m 2024-03-04T07:00:00Z");
        seen.clear();

        Instant now = msk("2024-03-04T10:31:10");   // resubscribed: 10:03 .. 10:30 read back, one by one
        for (Bar minute : minutes("SBER", "2024-03-04T10:03", 28)) {
            feed.accept(List.of(minute), CandleSource.TINKOFF, now);
        }

        assertThat(seen).as("only the bars that ended within 2 min of now (10:30)").containsExactly(
                "bar-close SBER 5m 2024-03-04T07:25:00Z", "bar-close SBER 15m 2024-03-04T07:15:00Z");
        assertThat(errors.events()).extracting(e -> e.code() + " " + e.timeframe() + " " + e.message().split(",")[0])
                .containsExactly("bar_too_old 5m bar_too_old: bar=2024-03-04T07:05:00Z",
                        "bar_too_old 5m bar_too_old: bar=2024-03-04T07:10:00Z",
                        "bar_too_old 15m bar_too_old: bar=2024-03-04T07:00:00Z",
                        "bar_too_old 5m bar_too_old: bar=2024-03-04T07:15:00Z",
                        "bar_too_old 5m bar_too_old: bar=2024-03-04T07:20:00Z");
        assertThat(repository.all("SBER", Timeframe.M1)).hasSize(31);
        assertThat(repository.all("SBER", Timeframe.M5)).extracting(Bar::openTime).containsExactly(
                msk("2024-03-04T10:00"), msk("2024-03-04T10:05"), msk("2024-03-04T10:10"), msk("2024-03-04T10:15"),
                msk("2024-03-04T10:20"), msk("2024-03-04T10:25"));
        assertThat(repository.all("SBER", Timeframe.M5).get(0).volume()).as("10:00 revised with its 5 minutes").isEqualTo(50);
    }

    @Test
    void acceptImport_whenASecondInstrumentsFileCoversAnEarlierPeriod_thenItsBarsAreBuiltToo() throws Exception {
        FeedEngine feed = engine(false, false);
        // the first file runs three trading days ahead; on one shared clock the second file's minutes would all be too late
        feed.acceptImport(minutes("SBER", "2024-03-04T10:00", 10), CandleSource.FILE);
        feed.acceptImport(minutes("SBER", "2024-03-07T10:00", 10), CandleSource.FILE);

        FeedEngine.BatchResult gazp = feed.acceptImport(minutes("GAZP", "2024-03-04T10:00", 10), CandleSource.FILE);

        assertThat(gazp.notAggregated()).isZero();
        assertThat(gazp.barsClosed()).isPositive();
        assertThat(repository.all("GAZP", Timeframe.M5)).extracting(Bar::openTime)
                .contains(msk("2024-03-04T10:00"), msk("2024-03-04T10:05"));
        // and one instrument's next file continues its bars: the 5m bar of 10:05 on 03-07 closes with the next file
        feed.acceptImport(minutes("SBER", "2024-03-07T10:10", 5), CandleSource.FILE);
        assertThat(repository.all("SBER", Timeframe.M5)).extracting(Bar::openTime).contains(msk("2024-03-07T10:05"));
    }

    @Test
    void barsUpTo_whenTheWindowEndsBeforeTheAskedBar_thenNoAnswerFromMemory() throws Exception {
        FeedEngine feed = engine(false, false);
        feed.accept(minutes("SBER", "2024-03-04T10:00", 11), CandleSource.FILE, null);   // closes the 10:00 and 10:05 bars

        assertThat(feed.barsUpTo("SBER", Timeframe.M5, msk("2024-03-04T10:05"), 2)).hasValueSatisfying(bars ->
                assertThat(bars).extracting(Bar::openTime).containsExactly(msk("2024-03-04T10:00"), msk("2024-03-04T10:05")));
        assertThat(feed.barsUpTo("SBER", Timeframe.M5, msk("2024-03-04T10:10"), 2)).as("10:10 is not closed").isEmpty();
    }

    private FeedEngine engine(boolean minutesListener, boolean listenerThrows) throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.BAR_CLOSE).process(exchange -> {
                    BarClose event = exchange.getMessage().getMandatoryBody(BarClose.class);
                    record("bar-close " + event.instrumentId() + " " + event.timeframe().code() + " " + event.barTime());
                });
                if (minutesListener) {
                    from(Endpoints.MINUTES_STORED).process(exchange -> {
                        List<?> body = exchange.getMessage().getMandatoryBody(List.class);
                        Bar first = (Bar) body.get(0);
                        Bar last = (Bar) body.get(body.size() - 1);
                        record("minutes " + body.size() + " " + first.instrumentId() + " " + first.openTime() + ".."
                                + last.openTime());
                        if (listenerThrows) {
                            throw new IllegalStateException("broker is broken");
                        }
                    });
                }
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
        return new FeedEngine(repository, producer, errors, Duration.ofMinutes(2), 100);
    }

    private synchronized void record(String event) {
        seen.add(event);
    }

    private static List<Bar> minutes(String id, String firstMsk, int count) {
        List<Bar> minutes = new ArrayList<>();
        BigDecimal price = new BigDecimal("100.00");
        for (int i = 0; i < count; i++) {
            minutes.add(new Bar(id, Timeframe.M1, msk(firstMsk).plusSeconds(60L * i), price, price, price, price, 10));
        }
        return List.copyOf(minutes);
    }

    /** Minutes whose price rises a cent a minute from 100.00. */
    private static List<Bar> rising(String id, String firstMsk, int count) {
        List<Bar> minutes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal price = new BigDecimal("100.00").add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)));
            minutes.add(new Bar(id, Timeframe.M1, msk(firstMsk).plusSeconds(60L * i), price, price, price, price, 10));
        }
        return List.copyOf(minutes);
    }

    private static Instant msk(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(TradingCalendar.MSK);
    }
}
