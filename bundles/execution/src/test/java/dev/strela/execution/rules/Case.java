package dev.strela.execution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.Decision;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;
import dev.strela.execution.internal.RuleFiles;
import dev.strela.execution.internal.RuleSet;

/**
 * One decision case against the rule files that ship ({@code rules/} of the repository, system property
 * {@code strela.rules.dir}). Defaults: SBER (lot 10, tick 0.01), OPEN LONG at market, entry 100.00, stop 90.00,
 * equity and free cash 1,000,000, risk 0.02, max stop 0.2, one position per strategy, ten in total, no controls.
 */
final class Case {

    private static RuleSet shipped;

    String type = "OPEN";
    String direction = "LONG";
    String entryType = "MARKET";
    BigDecimal entry = new BigDecimal("100.00");
    BigDecimal stop = new BigDecimal("90.00");
    BigDecimal takeProfit;
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

    static synchronized RuleSet shipped() {
        if (shipped == null) {
            try {
                shipped = RuleSet.compile(RuleFiles.read(rulesFolder()), Case.class.getClassLoader(), Instant.now());
            } catch (Exception e) {
                throw new AssertionError("the shipped rules do not compile: " + e.getMessage(), e);
            }
        }
        return shipped;
    }

    static Path rulesFolder() {
        return Path.of(System.getProperty("strela.rules.dir", "../../rules"));
    }

    static Case openLong() {
        return new Case();
    }

    Case set(java.util.function.Consumer<Case> change) {
        change.accept(this);
        return this;
    }

    List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.add(new TradeRequest(1, "sber", type, direction, entryType, entry, stop, takeProfit, sizeValue));
        facts.add(new StrategyLimits(7, "test", "paper", 0, risk, maxStop, maxPerStrategy));
        if (account) {
            facts.add(new AccountFacts("paper", equity, freeCash));
        }
        facts.add(new InstrumentFacts("sber", "SBER", lot, tick));
        facts.add(new PositionBook(totalOpen, openForStrategy, currentLots, pendingLots));
        facts.add(new Controls(stopTrading, safeMode));
        facts.add(new GlobalLimits(maxTotal, cashCoeff, reduceOnCash));
        return facts;
    }

    Result decide() {
        return new Result(shipped().decide(facts()));
    }

    /** What the rules decided, with assertions that name the rules that fired. */
    record Result(RuleSet.Outcome outcome) {

        Decision decision() {
            return outcome.decision();
        }

        Result orders(long entryLots) {
            assertThat(decision().getKind()).as("decision (fired %s, reasons %s)", outcome.rulesFired(),
                    decision().getReasons()).isEqualTo(Decision.ORDER);
            assertThat(decision().entryLotsToSend()).as("entry lots (fired %s)", outcome.rulesFired()).isEqualTo(entryLots);
            return this;
        }

        Result closes(long closeLots) {
            assertThat(decision().closeLotsToSend()).as("close lots (fired %s)", outcome.rulesFired()).isEqualTo(closeLots);
            return this;
        }

        Result refused(String code) {
            assertThat(decision().getKind()).as("decision (fired %s)", outcome.rulesFired()).isEqualTo(Decision.REFUSED);
            assertThat(decision().getCode()).isEqualTo(code);
            assertThat(decision().entryLotsToSend() + decision().closeLotsToSend()).isZero();
            return this;
        }

        Result notSent(String code) {
            assertThat(decision().getKind()).isEqualTo(Decision.NOT_SENT);
            assertThat(decision().getCode()).isEqualTo(code);
            return this;
        }

        /** Exactly these rules fired, in this order (names up to the colon). */
        Result fired(String... codes) {
            assertThat(outcome.rulesFired()).extracting(name -> name.substring(0, name.indexOf(':')))
                    .containsExactly(codes);
            return this;
        }
    }
}
