package dev.strela.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strela.execution.RulesStatus;
import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;

/** Hot reload of a copy of the shipped rules folder: edits, a broken file, an added rule. */
class RuleBookTest {

    @TempDir
    Path folder;
    private final List<String> reported = new ArrayList<>();
    private RuleBook book;

    @BeforeEach
    void copyShippedRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("strela.rules.dir", "../../rules")))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        book = new RuleBook(folder, getClass().getClassLoader(), Clock.systemUTC(), reported::add);
    }

    @Test
    void refresh_whenNothingChanged_thenSameRuleSetAndNoRecompile() {
        RulesStatus first = book.refresh();
        RuleSet active = book.current();
        RulesStatus second = book.refresh();
        assertThat(second.activeVersion()).isEqualTo(first.activeVersion()).hasSize(12);
        assertThat(book.current()).isSameAs(active);
        assertThat(reported).isEmpty();
    }

    @Test
    void refresh_whenFileDoesNotCompile_thenOldRulesStayAndErrorNamesFileAndLine() throws IOException {
        String before = book.refresh().activeVersion();
        Files.writeString(folder.resolve("cash.drl"), Files.readString(folder.resolve("cash.drl"))
                .replace("setCashChecked(true)", "setCashCheckedTypo(true)"));
        RulesStatus after = book.refresh();
        assertThat(after.activeVersion()).isEqualTo(before);
        assertThat(after.folderVersion()).isNotEqualTo(before);
        assertThat(after.lastError()).startsWith("rules_compile_failed: ").contains("strela/rules/cash.drl:");
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0)).contains("stay in force");
        book.refresh();
        assertThat(reported).as("the same broken folder is reported once").hasSize(1);
        assertThat(decideLots()).isEqualTo(200);
    }

    @Test
    void refresh_whenUserAddsARule_thenItDecidesWithNoJavaChange() throws IOException {
        book.refresh();
        assertThat(decideLots()).isEqualTo(200);
        Files.writeString(folder.resolve("max_lots.drl"), """
                package strela.rules;
                import dev.strela.execution.facts.Decision;
                rule "max_lots_per_order: never more than 50 lots"
                    salience 500
                when
                    $d : Decision( !refused, entryAllowed, entryLots != null, entryLots > 50 )
                then
                    modify ($d) { setEntryLots(50L) }
                end
                """);
        RulesStatus status = book.refresh();
        assertThat(status.lastError()).isNull();
        assertThat(status.activeFiles()).contains("max_lots.drl");
        assertThat(decideLots()).isEqualTo(50);
    }

    @Test
    void refresh_whenEveryFileRemoved_thenOldRulesStay() throws IOException {
        String before = book.refresh().activeVersion();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        RulesStatus after = book.refresh();
        assertThat(after.activeVersion()).isEqualTo(before);
        assertThat(after.lastError()).contains("no .drl file");
    }

    private long decideLots() {
        List<Object> facts = List.of(
                new TradeRequest(1, "sber", "OPEN", "LONG", "MARKET", new BigDecimal("100.00"), new BigDecimal("90.00"), null, BigDecimal.ONE),
                new StrategyLimits(1, "t", "paper", 0, new BigDecimal("0.02"), new BigDecimal("0.2"), 1),
                new AccountFacts("paper", new BigDecimal("1000000"), new BigDecimal("1000000")),
                new PositionBook(0, 0, 0, 0), new InstrumentFacts("sber", "SBER", 10, new BigDecimal("0.01")),
                new Controls(false, false), new GlobalLimits(10, BigDecimal.ONE, true));
        return book.current().decide(facts).decision().entryLotsToSend();
    }
}
