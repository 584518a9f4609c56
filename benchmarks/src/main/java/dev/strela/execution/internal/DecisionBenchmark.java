package dev.strela.execution.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.Decision;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;

/**
 * What deciding a signal costs with the shipped rule set ({@code rules/} of the repository), against the same
 * policies written as plain Java ({@link PlainJavaPolicies}), and what a hot reload of the rule folder costs.
 *
 * <ul>
 *   <li>{@code drools}: {@link RuleSet#decide} (new session, insert the facts, fire, dispose) for one signal, after
 *       warm-up. The inputs rotate through six realistic signals so the branch mix is a real one: an OPEN ordered in
 *       full, an OPEN refused too_wide_stop, a short reduced by cash, a REVERSE of a held position, a CLOSE, and an
 *       OPEN under stop-trading. Target: p99 &lt;= 50 us, and at most 3x {@code plainJava}.</li>
 *   <li>{@code plainJava}: {@link PlainJavaPolicies#decide} on the same inputs in the same order.</li>
 *   <li>{@code reload}: {@code RuleSet.compile(RuleFiles.read(folder), ...)}, what {@code RuleBook.reload()} does,
 *       in milliseconds, after warm-up; the first three compiles of a fresh JVM are printed at setup. Target:
 *       &lt;= 1 s.</li>
 * </ul>
 *
 * <p>Before measuring, every input (the six above and the boundary cases of the rule tests) is decided by both,
 * and the run stops if they disagree on anything: kind, code, lots of either leg, the amounts computed, the reasons.
 *
 * <p>Run from the repository root (the rules are read from {@code rules/}, or {@code -Dstrela.rules.dir=...}):
 * {@code java -jar benchmarks/target/benchmarks.jar DecisionBenchmark}. {@code -p input=open,close} measures single
 * inputs instead of the mix.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Drools logs every KieBase it builds at INFO; the reload benchmark builds hundreds.
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.org.drools=warn")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class DecisionBenchmark {

    /** The shipped rule folder: {@code strela.rules.dir}, by default {@code rules} in the working directory. */
    static Path rulesFolder() {
        Path folder = Path.of(System.getProperty("strela.rules.dir", "rules")).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no rule folder at " + folder + ": run from the repository root or set"
                    + " -Dstrela.rules.dir");
        }
        return folder;
    }

    /** The compiled shipped rules and the rotating inputs, checked against {@link PlainJavaPolicies}. */
    @State(Scope.Benchmark)
    public static class Decisions {

        /**
         * {@code mix}: rotate through all six inputs. One input's name (e.g. {@code -p input=reverse}, or a list
         * {@code -p input=open,close}) measures that input alone.
         */
        @Param({"mix"})
        public String input;

        RuleSet rules;
        List<Object>[] inputs;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp() throws Exception {
            Path folder = rulesFolder();
            rules = RuleSet.compile(RuleFiles.read(folder), DecisionBenchmark.class.getClassLoader(), Instant.now());
            System.out.println("rules " + rules.version() + " from " + folder + ": " + rules.files().texts().keySet());

            Map<String, Scenario> rotating = rotatingInputs();
            List<List<Object>> facts = new ArrayList<>();
            for (Map.Entry<String, Scenario> one : rotating.entrySet()) {
                RuleSet.Outcome outcome = agree(rules, one.getKey(), one.getValue().facts());
                one.getValue().expected.accept(outcome.decision());
                Decision d = outcome.decision();
                System.out.printf("  %-13s %-8s %-28s entry_lots=%-4d close_lots=%-2d fired=%s%n", one.getKey(),
                        d.getKind(), d.getCode() != null ? d.getCode() : "", d.entryLotsToSend(), d.closeLotsToSend(),
                        outcome.rulesFired().stream().map(n -> n.substring(0, n.indexOf(':'))).toList());
                if (input.equals("mix") || input.equals(one.getKey())) {
                    facts.add(one.getValue().facts());
                }
            }
            if (facts.isEmpty()) {
                throw new IllegalArgumentException("input=" + input + ": not mix nor one of " + rotating.keySet());
            }
            Map<String, Scenario> boundaries = boundaryCases();
            for (Map.Entry<String, Scenario> one : boundaries.entrySet()) {
                agree(rules, one.getKey(), one.getValue().facts());
            }
            System.out.println("  drools and plain Java agree on " + (rotating.size() + boundaries.size()) + " inputs");
            inputs = facts.toArray(new List[0]);
        }
    }

    /** Which input comes next; one rotation per benchmark thread. */
    @State(Scope.Thread)
    public static class Rotation {

        private int next;

        List<Object> next(List<Object>[] inputs) {
            int k = next;
            next = k + 1 == inputs.length ? 0 : k + 1;
            return inputs[k];
        }
    }

    /** The folder a reload compiles. */
    @State(Scope.Benchmark)
    public static class Reload {

        Path folder;
        ClassLoader loader;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            folder = rulesFolder();
            loader = DecisionBenchmark.class.getClassLoader();
            // The first compiles in a fresh JVM: the one at startup, and the first reloads after it.
            List<Long> millis = new ArrayList<>();
            String version = null;
            for (int k = 0; k < 3; k++) {
                long started = System.nanoTime();
                version = RuleSet.compile(RuleFiles.read(folder), loader, Instant.now()).version();
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
            System.out.println("rules " + version + ", first compiles in a fresh JVM (ms): " + millis);
        }
    }

    @Benchmark
    public void drools(Decisions state, Rotation rotation, Blackhole blackhole) {
        blackhole.consume(state.rules.decide(rotation.next(state.inputs)));
    }

    /**
     * Pure CPU work of about the length of one Drools decision and no allocation: what this machine alone adds to
     * the tail of an operation that long (preemption, interrupts), to read the Drools percentiles against.
     */
    @Benchmark
    public void cpuOnlyBaseline() {
        Blackhole.consumeCPU(4_000);
    }

    @Benchmark
    public void plainJava(Decisions state, Rotation rotation, Blackhole blackhole) {
        blackhole.consume(PlainJavaPolicies.decide(rotation.next(state.inputs)));
    }

    /**
     * A hot reload: read the folder and compile it into a new rule set. Sampled like the decisions, so iterations are
     * bounded by time (a 3 s iteration holds some 20-40 compiles) and the run stays short whatever a compile costs.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public void reload(Reload state, Blackhole blackhole) throws Exception {
        blackhole.consume(RuleSet.compile(RuleFiles.read(state.folder), state.loader, Instant.now()));
    }

    // ---- inputs ----

    /** The six signals the decision benchmarks rotate through, with what the shipped rules decide for each. */
    static Map<String, Scenario> rotatingInputs() {
        Map<String, Scenario> inputs = new LinkedHashMap<>();
        // SBER long, stop 3% away: 0.02 * 1,000,000 / (8.11 * 10) = 246.6 -> 246 lots; cash 665,159.40.
        inputs.put("open", Scenario.sber(s -> { s.totalOpen = 3; })
                .expect(Decision.ORDER, null, 246, 0));
        // SBER long, stop 22% away (max 20%).
        inputs.put("tooWideStop", Scenario.sber(s -> { s.stop = new BigDecimal("210.00"); s.totalOpen = 3; })
                .expect(Decision.REFUSED, "too_wide_stop", 0, 0));
        // Si future short at 101,500, stop 103,000: risk allows 13, 1,000,000 free cash buys 9.
        inputs.put("cashReduced", Scenario.sber(s -> { s.symbol = "si"; s.ticker = "SiH5"; s.lot = 1;
                    s.tick = BigDecimal.ONE; s.direction = "SHORT"; s.entry = new BigDecimal("101500");
                    s.stop = new BigDecimal("103000"); s.totalOpen = 3; })
                .expect(Decision.ORDER, null, 9, 0));
        // Long 5 lots of SBER reversed to short, stop 8.11 above: closes 5, opens 246.
        inputs.put("reverse", Scenario.sber(s -> { s.type = "REVERSE"; s.direction = "SHORT";
                    s.stop = new BigDecimal("278.50"); s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 3; })
                .expect(Decision.ORDER, null, 246, 5));
        inputs.put("close", Scenario.sber(s -> { s.type = "CLOSE"; s.direction = "FLAT"; s.stop = null;
                    s.currentLots = 7; s.openForStrategy = 1; s.totalOpen = 3; })
                .expect(Decision.ORDER, null, 0, 7));
        inputs.put("stopTrading", Scenario.sber(s -> { s.stopTrading = true; s.totalOpen = 3; })
                .expect(Decision.NOT_SENT, "trading_disabled_by_control", 0, 0));
        return inputs;
    }

    /** The boundary cases of the rule tests (bundles/execution, *RulesTest) and a few corners, for the agreement check. */
    static Map<String, Scenario> boundaryCases() {
        Map<String, Scenario> c = new LinkedHashMap<>();
        // cash.drl
        c.put("cash exactly enough", Scenario.open(s -> s.freeCash = new BigDecimal("200000.00")));
        c.put("cash one kopeck short", Scenario.open(s -> s.freeCash = new BigDecimal("199999.99")));
        c.put("cash short, no reduction", Scenario.open(s -> { s.freeCash = new BigDecimal("199999.99"); s.reduceOnCash = false; }));
        c.put("cash enough, no reduction", Scenario.open(s -> { s.freeCash = new BigDecimal("200000.00"); s.reduceOnCash = false; }));
        c.put("cash for one lot", Scenario.open(s -> s.freeCash = new BigDecimal("1000.00")));
        c.put("cash short of one lot", Scenario.open(s -> s.freeCash = new BigDecimal("999.99")));
        c.put("cash zero", Scenario.open(s -> s.freeCash = BigDecimal.ZERO));
        c.put("cash coeff 1.1 enough", Scenario.open(s -> { s.cashCoeff = new BigDecimal("1.1"); s.freeCash = new BigDecimal("220000.00"); }));
        c.put("cash coeff 1.1 short", Scenario.open(s -> { s.cashCoeff = new BigDecimal("1.1"); s.freeCash = new BigDecimal("219999.99"); }));
        // position_limits.drl
        c.put("total one below", Scenario.open(s -> s.totalOpen = 9));
        c.put("total at limit", Scenario.open(s -> s.totalOpen = 10));
        c.put("strategy one below", Scenario.open(s -> { s.maxPerStrategy = 3; s.openForStrategy = 2; s.totalOpen = 2; }));
        c.put("strategy at limit", Scenario.open(s -> { s.maxPerStrategy = 3; s.openForStrategy = 3; s.totalOpen = 3; }));
        c.put("add at strategy limit", Scenario.open(s -> { s.type = "ADD"; s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 1; }));
        c.put("reverse at total limit", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 10; }));
        c.put("reverse above total limit", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 11; }));
        // risk_sizing.drl
        c.put("risk exactly one lot", Scenario.open(s -> s.equity = new BigDecimal("5000")));
        c.put("risk short of one lot", Scenario.open(s -> s.equity = new BigDecimal("4999.50")));
        c.put("risk just under two lots", Scenario.open(s -> s.equity = new BigDecimal("9999.50")));
        c.put("risk two lots", Scenario.open(s -> s.equity = new BigDecimal("10000")));
        c.put("half the risk asked", Scenario.open(s -> s.sizeValue = new BigDecimal("0.5")));
        c.put("row risk 1%", Scenario.open(s -> s.risk = new BigDecimal("0.01")));
        c.put("no account", Scenario.open(s -> s.account = false));
        c.put("account without equity", Scenario.open(s -> s.equity = null));
        c.put("reverse, new side too small", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.equity = new BigDecimal("4999.50"); s.currentLots = 5; s.openForStrategy = 1; }));
        c.put("reverse, no account", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.account = false; s.currentLots = 5; s.openForStrategy = 1; }));
        // signal_types.drl
        c.put("close long", Scenario.close(7));
        c.put("close short", Scenario.close(-3));
        c.put("close flat", Scenario.close(0));
        c.put("open while holding", Scenario.open(s -> { s.currentLots = 3; s.openForStrategy = 1; }));
        c.put("open while entering", Scenario.open(s -> { s.pendingLots = 2; s.openForStrategy = 1; }));
        c.put("reverse long to short", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 10; }));
        c.put("reverse from flat", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT"; s.stop = new BigDecimal("110.00"); }));
        c.put("reverse toward held side", Scenario.open(s -> { s.type = "REVERSE"; s.currentLots = 5; s.openForStrategy = 1; }));
        c.put("reverse while entering", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.pendingLots = 3; s.openForStrategy = 1; s.totalOpen = 1; }));
        c.put("add with room", Scenario.open(s -> { s.type = "ADD"; s.currentLots = 5; s.openForStrategy = 1; s.maxPerStrategy = 2; }));
        c.put("add when flat", Scenario.open(s -> s.type = "ADD"));
        c.put("add to the other side", Scenario.open(s -> { s.type = "ADD"; s.currentLots = -5; s.openForStrategy = 1; s.maxPerStrategy = 2; }));
        c.put("open without price", Scenario.open(s -> s.entry = null));
        c.put("reverse without price", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT"; s.entry = null;
            s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; }));
        // sizing arithmetic
        c.put("sber 270.39/262.28", Scenario.sber(s -> { }));
        c.put("vtbr lot 10000", Scenario.open(s -> { s.lot = 10000; s.tick = new BigDecimal("0.000005");
            s.entry = new BigDecimal("0.024850"); s.stop = new BigDecimal("0.024100"); }));
        c.put("si short reduced", Scenario.open(s -> { s.direction = "SHORT"; s.lot = 1; s.tick = BigDecimal.ONE;
            s.entry = new BigDecimal("101500"); s.stop = new BigDecimal("103000"); }));
        c.put("si short 2M", Scenario.open(s -> { s.direction = "SHORT"; s.lot = 1; s.tick = BigDecimal.ONE;
            s.freeCash = new BigDecimal("2000000"); s.entry = new BigDecimal("101500"); s.stop = new BigDecimal("103000"); }));
        // stop_distance.drl
        c.put("stop exactly 20%", Scenario.open(s -> s.stop = new BigDecimal("80.00")));
        c.put("stop a tick past 20%", Scenario.open(s -> s.stop = new BigDecimal("79.99")));
        c.put("short stop exactly 20%", Scenario.open(s -> { s.direction = "SHORT"; s.stop = new BigDecimal("120.00"); }));
        c.put("short stop a tick past 20%", Scenario.open(s -> { s.direction = "SHORT"; s.stop = new BigDecimal("120.01"); }));
        c.put("row 10%, stop 10.01%", Scenario.open(s -> { s.maxStop = new BigDecimal("0.1"); s.stop = new BigDecimal("89.99"); }));
        c.put("row 10%, stop 10%", Scenario.open(s -> { s.maxStop = new BigDecimal("0.1"); s.stop = new BigDecimal("90.00"); }));
        c.put("stop above long entry", Scenario.open(s -> s.stop = new BigDecimal("100.01")));
        c.put("stop at entry", Scenario.open(s -> s.stop = new BigDecimal("100.00")));
        c.put("no stop", Scenario.open(s -> s.stop = null));
        c.put("stop zero", Scenario.open(s -> s.stop = BigDecimal.ZERO));
        c.put("stop negative", Scenario.open(s -> s.stop = new BigDecimal("-5")));
        c.put("reverse, stop too wide", Scenario.open(s -> { s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("130.00"); s.currentLots = 5; s.openForStrategy = 1; }));
        // trading_controls.drl
        c.put("no controls", Scenario.open(s -> { }));
        c.put("stop trading", Scenario.open(s -> s.stopTrading = true));
        c.put("stop trading, close", Scenario.open(s -> { s.stopTrading = true; s.type = "CLOSE"; s.direction = "FLAT"; s.currentLots = 4; }));
        c.put("stop trading and safe mode", Scenario.open(s -> { s.stopTrading = true; s.safeMode = true; }));
        c.put("safe mode, open", Scenario.open(s -> s.safeMode = true));
        c.put("safe mode, add", Scenario.open(s -> { s.safeMode = true; s.type = "ADD"; s.currentLots = 5; s.openForStrategy = 1; }));
        c.put("safe mode, close", Scenario.open(s -> { s.safeMode = true; s.type = "CLOSE"; s.direction = "FLAT"; s.stop = null; s.currentLots = 4; }));
        c.put("safe mode, reverse held", Scenario.open(s -> { s.safeMode = true; s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; s.totalOpen = 1; }));
        c.put("safe mode, reverse flat", Scenario.open(s -> { s.safeMode = true; s.type = "REVERSE"; s.direction = "SHORT";
            s.stop = new BigDecimal("110.00"); }));
        c.put("safe mode, reverse without price", Scenario.open(s -> { s.safeMode = true; s.type = "REVERSE"; s.direction = "SHORT";
            s.entry = null; s.stop = new BigDecimal("110.00"); s.currentLots = 5; s.openForStrategy = 1; }));
        return c;
    }

    /**
     * Decides {@code facts} with both and throws unless they agree on everything the decision holds.
     *
     * @return the rule engine's outcome
     */
    static RuleSet.Outcome agree(RuleSet rules, String name, List<Object> facts) {
        RuleSet.Outcome outcome = rules.decide(facts);
        Decision drools = outcome.decision();
        Decision plain = PlainJavaPolicies.decide(facts);
        List<String> differences = new ArrayList<>();
        compare(differences, "kind", drools.getKind(), plain.getKind());
        compare(differences, "code", drools.getCode(), plain.getCode());
        compare(differences, "entry_refusal", drools.getEntryRefusal(), plain.getEntryRefusal());
        compare(differences, "entry lots to send", drools.entryLotsToSend(), plain.entryLotsToSend());
        compare(differences, "close lots to send", drools.closeLotsToSend(), plain.closeLotsToSend());
        compare(differences, "entry_lots", drools.getEntryLots(), plain.getEntryLots());
        compare(differences, "close_lots", drools.getCloseLots(), plain.getCloseLots());
        compare(differences, "slots_freed", drools.getSlotsFreed(), plain.getSlotsFreed());
        compare(differences, "stop_distance", drools.getStopDistance(), plain.getStopDistance());
        compare(differences, "risk_span", drools.getRiskSpan(), plain.getRiskSpan());
        compare(differences, "max_loss_money", drools.getMaxLossMoney(), plain.getMaxLossMoney());
        compare(differences, "size_money", drools.getSizeMoney(), plain.getSizeMoney());
        compare(differences, "required_cash", drools.getRequiredCash(), plain.getRequiredCash());
        compare(differences, "reasons", drools.getReasons(), plain.getReasons());
        if (!differences.isEmpty()) {
            throw new IllegalStateException("drools and plain Java disagree on '" + name + "' (rules fired "
                    + outcome.rulesFired() + "): " + String.join("; ", differences));
        }
        return outcome;
    }

    private static void compare(List<String> differences, String what, Object drools, Object plain) {
        if (!Objects.equals(drools, plain)) {
            differences.add(what + " drools=" + drools + " plain=" + plain);
        }
    }

    /**
     * One signal and its surroundings, as {@code SignalProcessor} inserts them. Defaults as the rule tests': SBER
     * (lot 10, tick 0.01), OPEN LONG at market 100.00, stop 90.00, equity and free cash 1,000,000, risk 0.02, max
     * stop 0.2, one position per strategy, ten in total, no controls, cash coefficient 1, reduce on short cash.
     */
    static final class Scenario {

        String symbol = "sber";
        String ticker = "SBER";
        String type = "OPEN";
        String direction = "LONG";
        String entryType = "MARKET";
        BigDecimal entry = new BigDecimal("100.00");
        BigDecimal stop = new BigDecimal("90.00");
        BigDecimal sizeValue = BigDecimal.ONE;
        BigDecimal risk = new BigDecimal("0.02");
        BigDecimal maxStop = new BigDecimal("0.2");
        int maxPerStrategy = 1;
        BigDecimal equity = new BigDecimal("1000000");
        BigDecimal freeCash = new BigDecimal("1000000");
        boolean account = true;
        int lot = 10;
        BigDecimal tick = new BigDecimal("0.01");
        int totalOpen;
        int openForStrategy;
        long currentLots;
        long pendingLots;
        boolean stopTrading;
        boolean safeMode;
        int maxTotal = 10;
        BigDecimal cashCoeff = BigDecimal.ONE;
        boolean reduceOnCash = true;
        Consumer<Decision> expected = d -> { };

        static Scenario open(Consumer<Scenario> change) {
            Scenario s = new Scenario();
            change.accept(s);
            return s;
        }

        /** SBER at a real price: entry 270.39, stop 262.28 (3% away). */
        static Scenario sber(Consumer<Scenario> change) {
            return open(s -> {
                s.entry = new BigDecimal("270.39");
                s.stop = new BigDecimal("262.28");
                change.accept(s);
            });
        }

        static Scenario close(long currentLots) {
            return open(s -> {
                s.type = "CLOSE";
                s.direction = "FLAT";
                s.stop = null;
                s.currentLots = currentLots;
                s.openForStrategy = currentLots != 0 ? 1 : 0;
                s.totalOpen = s.openForStrategy;
            });
        }

        /** What the shipped rules must decide; checked at setup so the mix measured is the one described. */
        Scenario expect(String kind, String code, long entryLots, long closeLots) {
            expected = d -> {
                if (!kind.equals(d.getKind()) || !Objects.equals(code, d.getCode()) || d.entryLotsToSend() != entryLots
                        || d.closeLotsToSend() != closeLots) {
                    throw new IllegalStateException("expected " + kind + " " + code + " entry " + entryLots + " close "
                            + closeLots + ", the rules decided " + d.getKind() + " " + d.getCode() + " entry "
                            + d.entryLotsToSend() + " close " + d.closeLotsToSend() + " " + d.getReasons());
                }
            };
            return this;
        }

        List<Object> facts() {
            List<Object> facts = new ArrayList<>();
            facts.add(new TradeRequest(1, symbol, type, direction, entryType, entry, stop, null, sizeValue));
            facts.add(new StrategyLimits(7, "sma-crossover", "paper", 0, risk, maxStop, maxPerStrategy));
            if (account) {
                facts.add(new AccountFacts("paper", equity, freeCash));
            }
            facts.add(new PositionBook(totalOpen, openForStrategy, currentLots, pendingLots));
            facts.add(new InstrumentFacts(symbol, ticker, lot, tick));
            facts.add(new Controls(stopTrading, safeMode));
            facts.add(new GlobalLimits(maxTotal, cashCoeff, reduceOnCash));
            return List.copyOf(facts);
        }
    }
}
