package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateBudgetTest {

    private static final String POST = "tinkoff.public.invest.api.contract.v1.OrdersService/PostOrder";
    private static final String CANCEL = "tinkoff.public.invest.api.contract.v1.OrdersService/CancelOrder";
    private static final String STOP = "tinkoff.public.invest.api.contract.v1.StopOrdersService/PostStopOrder";

    /** Simulated time: sleeping moves it. */
    private static final class FakeTime implements RateBudget.Time {
        long now = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            now += d.toNanos();
        }
    }

    @Test
    void key_whenServiceNames_thenSnakeCaseWithoutService() {
        assertThat(RateBudget.key(POST)).isEqualTo("orders");
        assertThat(RateBudget.key(STOP)).isEqualTo("stop_orders");
        assertThat(RateBudget.key("tinkoff.public.invest.api.contract.v1.MarketDataService/GetCandles")).isEqualTo("market_data");
        assertThat(RateBudget.key("tinkoff.public.invest.api.contract.v1.SandboxService/PostSandboxOrder")).isEqualTo("sandbox");
        assertThat(RateBudget.protective(CANCEL)).isTrue();
        assertThat(RateBudget.protective(STOP)).isTrue();
        assertThat(RateBudget.protective(POST)).isFalse();
    }

    @Test
    void acquire_whenBurstOfEntries_thenNeverMoreThanLimitMinusReserveInAnyMinute() throws Exception {
        FakeTime time = new FakeTime();
        RateBudget budget = new RateBudget(Map.of("orders", 10), 0.2, Duration.ofMinutes(5), time);
        List<Long> sentAt = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            budget.acquire(POST);
            sentAt.add(time.now);
        }

        for (int i = 0; i < sentAt.size(); i++) {
            long start = sentAt.get(i);
            long inWindow = sentAt.stream().filter(t -> t >= start && t - start < Duration.ofMinutes(1).toNanos()).count();
            assertThat(inWindow).as("entries in the minute from request %d", i).isLessThanOrEqualTo(8);
        }
        assertThat(Duration.ofNanos(sentAt.get(29) - sentAt.get(0))).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void acquire_whenEntriesUsedTheirShare_thenCancelsStillGoAtOnceUpToTheLimit() throws Exception {
        FakeTime time = new FakeTime();
        RateBudget budget = new RateBudget(Map.of("orders", 10), 0.2, Duration.ofMinutes(5), time);
        for (int i = 0; i < 8; i++) {
            budget.acquire(POST);
        }
        assertThat(time.sleeps).isEmpty();

        budget.acquire(CANCEL);
        budget.acquire(CANCEL);

        assertThat(time.sleeps).as("the two reserved calls waited").isEmpty();
        assertThat(budget.used("orders")).isEqualTo(10);
        budget.acquire(CANCEL);
        assertThat(time.sleeps).as("the 11th call of the minute waits").hasSize(1);
    }

    @Test
    void acquire_whenRoomWouldComeTooLate_thenRefusedWithTheBudgetNamed() throws Exception {
        FakeTime time = new FakeTime();
        RateBudget budget = new RateBudget(Map.of("orders", 5), 0.2, Duration.ofSeconds(10), time);
        for (int i = 0; i < 4; i++) {
            budget.acquire(POST);
        }

        assertThatThrownBy(() -> budget.acquire(POST)).isInstanceOf(RateBudget.Exhausted.class)
                .hasMessageContaining("'orders'").hasMessageContaining("5/min");
    }

    @Test
    void acquire_whenServiceHasNoBudget_thenNeverWaits() throws Exception {
        FakeTime time = new FakeTime();
        RateBudget budget = new RateBudget(Map.of("orders", 2), 0.0, Duration.ofSeconds(1), time);
        for (int i = 0; i < 100; i++) {
            budget.acquire("tinkoff.public.invest.api.contract.v1.UsersService/GetInfo");
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void parseLimits_whenMalformed_thenSaysWhichPart() {
        assertThat(RateBudget.parseLimits("orders=80, stop_orders = 40")).containsEntry("orders", 80).containsEntry("stop_orders", 40);
        assertThatThrownBy(() -> RateBudget.parseLimits("orders=eighty")).hasMessageContaining("orders=eighty");
        assertThatThrownBy(() -> RateBudget.parseLimits("orders")).hasMessageContaining("service=requests");
        assertThatThrownBy(() -> new RateBudget(Map.of("orders", 1), 0.2, Duration.ZERO, RateBudget.Time.SYSTEM))
                .hasMessageContaining("at least 2");
    }
}
