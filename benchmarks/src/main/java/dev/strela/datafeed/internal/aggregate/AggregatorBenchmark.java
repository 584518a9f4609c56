package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.strela.datafeed.internal.source.SyntheticGenerator;

/**
 * Throughput of {@link Aggregator#onMinute}: 100 instruments, 5 trading days from 2024-03-11 of the project's
 * seeded {@link SyntheticGenerator} (exchange hours, exact BigDecimal prices on a 0.01 tick, a few missing
 * minutes), all four timeframes. One invocation replays all minutes into a fresh aggregator, so the score
 * (ops/s) is 1-minute bars per second.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && java -jar benchmarks/target/benchmarks.jar AggregatorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AggregatorBenchmark {

    static final int INSTRUMENTS = 100;
    static final int DAYS = 5;
    /** Minutes the generator produces for these settings; checked in {@link #generate()}. */
    static final int MINUTES = 397_694;

    private final TradingCalendar calendar = TradingCalendar.moex();
    private Bar[] minutes;

    @Setup
    public void generate() {
        List<String> ids = IntStream.range(0, INSTRUMENTS).mapToObj(i -> "INSTR" + i).toList();
        List<Bar> list = new ArrayList<>();
        new SyntheticGenerator(20240311L, ids, new BigDecimal("0.01")).minutes(LocalDate.of(2024, 3, 11), DAYS)
                .forEachRemaining(list::add);
        minutes = list.toArray(Bar[]::new);
        if (minutes.length != MINUTES) {
            throw new IllegalStateException("generator gave " + minutes.length + " minutes; set MINUTES to that");
        }
    }

    /** Replays all minutes; the score is minutes per second. */
    @Benchmark
    @OperationsPerInvocation(MINUTES)
    public void onMinute(Blackhole blackhole) {
        Aggregator aggregator = new Aggregator(calendar);
        AggregationListener out = new BlackholeListener(blackhole);
        for (Bar minute : minutes) {
            aggregator.onMinute(minute, out);
        }
    }

    /**
     * Runs the benchmark: 1 fork, 3 warm-up and 5 measurement iterations (the annotations); JMH command-line
     * options may be added, e.g. {@code -prof gc}.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(AggregatorBenchmark.class.getName()).build()).run();
    }

    private record BlackholeListener(Blackhole blackhole) implements AggregationListener {

        @Override
        public void barClosed(Bar bar) {
            blackhole.consume(bar);
        }

        @Override
        public void barRevised(Bar bar) {
            blackhole.consume(bar);
        }

        @Override
        public void minuteSkipped(Bar minute, String reason) {
            blackhole.consume(reason);
        }
    }
}
