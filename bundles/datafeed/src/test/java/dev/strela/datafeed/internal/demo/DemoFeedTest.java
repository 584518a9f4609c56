package dev.strela.datafeed.internal.demo;

import static dev.strela.datafeed.internal.demo.DemoClockTest.msk;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.InMemoryMarketData;
import dev.strela.datafeed.internal.RecordingErrorLog;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.ServiceStatusRepository;

/** The demo feed's ticks against repositories in memory (no Karaf, no timer: the test calls {@code tick()}). */
class DemoFeedTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 4);
    private final InMemoryMarketData marketData = new InMemoryMarketData();
    private final InMemoryUniverse universe = new InMemoryUniverse();
    private final RecordingErrorLog errors = new RecordingErrorLog();
    private final List<String> heartbeats = new ArrayList<>();
    private final ServiceStatusRepository status = new ServiceStatusRepository() {
        @Override
        public void heartbeat(String component, String state, Instant at) {
            heartbeats.add(component + " " + state + " " + at);
        }

        @Override
        public List<Heartbeat> all() {
            return List.of();
        }
    };
    private Instant now = Instant.parse("2026-01-15T12:00:00Z");
    private final Clock wallClock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** The feed's engine as the tests see it: stores what it gets and remembers every call. */
    private final class RecordingFeed implements DemoFeed.Feed {
        final List<List<Bar>> batches = new ArrayList<>();
        final List<List<Bar>> resumed = new ArrayList<>();
        RuntimeException failNext;

        @Override
        public void accept(List<Bar> minutes) {
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            marketData.upsertMinutes(minutes, CandleSource.GENERATOR);
            batches.add(minutes);
        }

        @Override
        public void resume(List<Bar> storedMinutes) {
            resumed.add(storedMinutes);
        }
    }

    @Test
    void tick_whenTheDatabaseIsEmpty_thenInstrumentsRowsAndTheMinutesFromTenOClockOfTheStartDate() {
        RecordingFeed feed = new RecordingFeed();
        DemoFeed demo = demo(feed);

        demo.tick();
        demo.tick();
        demo.tick();

        assertThat(marketData.instruments()).extracting(i -> i.id() + " " + i.ticker() + " " + i.classCode())
                .containsExactly("sim-1 SIM1 SIM", "sim-2 SIM2 SIM", "sim-3 SIM3 SIM");
        assertThat(universe.all()).hasSize(6);
        assertThat(feed.batches).extracting(batch -> batch.get(0).openTime())
                .containsExactly(msk("2024-03-04T10:00"), msk("2024-03-04T10:01"), msk("2024-03-04T10:02"));
        assertThat(feed.resumed).isEmpty();
        assertThat(marketData.sources()).containsOnly(CandleSource.GENERATOR);
        assertThat(errors.events()).isEmpty();
    }

    @Test
    void tick_whenRestarted_thenContinuesAfterTheLastStoredMinuteWithTheSamePrices_andCreatesNothingTwice() {
        DemoFeed before = demo(new RecordingFeed());
        for (int i = 0; i < 37; i++) {
            before.tick();
        }
        int instrumentSaves = marketData.instrumentSaves();
        int rows = universe.adds();
        Instant lastStored = DemoSetup.instrumentIds(3).stream()
                .map(id -> marketData.lastBars(id, Timeframe.M1, 1).get(0).openTime()).max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(lastStored).isEqualTo(msk("2024-03-04T10:36"));

        RecordingFeed feed = new RecordingFeed();
        DemoFeed after = demo(feed);
        after.tick();
        after.tick();

        assertThat(feed.batches).extracting(batch -> batch.get(0).openTime())
                .containsExactly(msk("2024-03-04T10:37"), msk("2024-03-04T10:38"));
        assertThat(marketData.instrumentSaves()).isEqualTo(instrumentSaves);
        assertThat(universe.adds()).isEqualTo(rows);
        assertThat(feed.resumed).singleElement().satisfies(stored -> {
            assertThat(stored).hasSize(marketData.all("sim-1", Timeframe.M1).size()
                    + marketData.all("sim-2", Timeframe.M1).size() + marketData.all("sim-3", Timeframe.M1).size()
                    - feed.batches.stream().mapToInt(List::size).sum());
            assertThat(stored).isSortedAccordingTo(Comparator.comparing(Bar::openTime));
            assertThat(stored.get(stored.size() - 1).openTime()).isEqualTo(msk("2024-03-04T10:36"));
        });

        InMemoryMarketData other = new InMemoryMarketData();
        List<List<Bar>> continuous = new ArrayList<>();
        DemoFeed uninterrupted = new DemoFeed(new DemoFeed.Feed() {
            @Override
            public void accept(List<Bar> minutes) {
                continuous.add(minutes);
            }

            @Override
            public void resume(List<Bar> storedMinutes) {
            }
        }, other, new InMemoryUniverse(), status, errors, settings(), wallClock);
        for (int i = 0; i < 39; i++) {
            uninterrupted.tick();
        }
        assertThat(feed.batches).isEqualTo(continuous.subList(37, 39));
    }

    @Test
    void tick_whenTheStartDateMovesPastTheStoredMinutes_thenStartsThereWithoutResuming() {
        DemoFeed before = demo(new RecordingFeed());
        before.tick();

        RecordingFeed feed = new RecordingFeed();
        DemoFeed later = new DemoFeed(feed, marketData, universe, status, errors,
                settings(LocalDate.of(2024, 4, 1)), wallClock);
        later.tick();

        assertThat(feed.batches.get(0).get(0).openTime()).isEqualTo(msk("2024-04-01T10:00"));
        assertThat(feed.resumed).isEmpty();
    }

    @Test
    void tick_whenTheFeedFails_thenRecordedAsADataFeedError_andTheNextTickFeedsTheSameMinute() {
        RecordingFeed feed = new RecordingFeed();
        DemoFeed demo = demo(feed);
        feed.failNext = new IllegalStateException("database hiccup");

        demo.tick();
        demo.tick();

        assertThat(errors.events()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("internal_error");
            assertThat(e.source()).isEqualTo(ErrorSource.DATA_FEED);
            assertThat(e.message()).contains("database hiccup").contains("2024-03-04T10:00");
        });
        assertThat(feed.batches).singleElement().satisfies(b -> assertThat(b.get(0).openTime())
                .isEqualTo(msk("2024-03-04T10:00")));
    }

    @Test
    void tick_whenFailingOnEveryTick_thenRecordedOncePerMinuteOfWallTime() {
        RecordingFeed feed = new RecordingFeed();
        DemoFeed demo = demo(feed);
        for (int i = 0; i < 40; i++) {
            feed.failNext = new IllegalStateException("still broken");
            demo.tick();
            now = now.plusSeconds(2);
        }

        assertThat(errors.events()).extracting(ErrorEvent::code).containsExactly("internal_error", "internal_error");
        assertThat(demo.nextMinute()).isEqualTo(msk("2024-03-04T10:00"));
    }

    @Test
    void tick_whenPreparingFails_thenTheNextTickPreparesAgainWithoutDuplicates() {
        RecordingFeed feed = new RecordingFeed();
        DemoFeed demo = demo(feed);
        universe.failAdds = new IllegalStateException("no table");

        demo.tick();
        universe.failAdds = null;
        demo.tick();

        assertThat(errors.events()).extracting(ErrorEvent::code).containsExactly("internal_error");
        assertThat(marketData.instruments()).hasSize(3);
        assertThat(universe.all()).hasSize(6);
        assertThat(feed.batches).singleElement().satisfies(b -> assertThat(b.get(0).openTime())
                .isEqualTo(msk("2024-03-04T10:00")));
    }

    @Test
    void tick_thenAHeartbeatOfTheDataFeedAboutEveryTenSeconds() {
        DemoFeed demo = demo(new RecordingFeed());
        for (int i = 0; i < 11; i++) {
            demo.tick();
            now = now.plusSeconds(2);
        }

        assertThat(heartbeats).containsExactly("data_feed up 2026-01-15T12:00:00Z", "data_feed up 2026-01-15T12:00:10Z",
                "data_feed up 2026-01-15T12:00:20Z");
    }

    @Test
    void settings_whenTheDefaults_thenNoProblems() {
        List<String> problems = new ArrayList<>();

        DemoFeed.Settings settings = DemoFeed.Settings.from(new TestConfig(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.instrumentIds()).containsExactly("sim-1", "sim-2", "sim-3");
        assertThat(settings.instrumentRange()).isEqualTo("sim-1..sim-3");
        assertThat(settings.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.startDate()).isEqualTo(START);
        assertThat(settings.strategies()).extracting(DemoStrategy::name).containsExactly("sma_crossover", "donchian_breakout");
        assertThat(settings.timeframe()).isEqualTo(Timeframe.M5);
    }

    @Test
    void settings_whenValuesAreWrong_thenEachIsNamedAndReplacedByItsDefault() {
        TestConfig config = new TestConfig();
        config.instruments = 0;
        config.secondsPerMinute = 0;
        config.startDate = "4 March";
        config.timeframe = "1m";
        config.strategies = "sma_crossover:{oops}";
        List<String> problems = new ArrayList<>();

        DemoFeed.Settings settings = DemoFeed.Settings.from(config, problems);

        assertThat(problems).hasSize(5);
        assertThat(problems.get(3)).contains("1-minute candles close no bar");
        assertThat(settings.instrumentIds()).hasSize(3);
        assertThat(settings.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.startDate()).isEqualTo(START);
        assertThat(settings.timeframe()).isEqualTo(Timeframe.M5);
        assertThat(settings.strategies()).isEmpty();
    }

    private DemoFeed demo(DemoFeed.Feed feed) {
        return new DemoFeed(feed, marketData, universe, status, errors, settings(), wallClock);
    }

    private static DemoFeed.Settings settings() {
        return settings(START);
    }

    private static DemoFeed.Settings settings(LocalDate start) {
        return new DemoFeed.Settings(true, DemoSetup.instrumentIds(3), Duration.ofSeconds(2), 42, start,
                DemoStrategy.parse(DemoStrategy.DEFAULT_SPEC).strategies(), Timeframe.M5);
    }

    /** The configuration with its defaults, changeable field by field. */
    private static final class TestConfig implements DemoConfig {
        int instruments = 3;
        int secondsPerMinute = 2;
        String startDate = "2024-03-04";
        String strategies = DemoStrategy.DEFAULT_SPEC;
        String timeframe = "5m";

        @Override
        public Class<? extends Annotation> annotationType() {
            return DemoConfig.class;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int instruments() {
            return instruments;
        }

        @Override
        public int secondsPerMinute() {
            return secondsPerMinute;
        }

        @Override
        public long seed() {
            return 42;
        }

        @Override
        public String startDate() {
            return startDate;
        }

        @Override
        public String strategies() {
            return strategies;
        }

        @Override
        public String timeframe() {
            return timeframe;
        }
    }
}
