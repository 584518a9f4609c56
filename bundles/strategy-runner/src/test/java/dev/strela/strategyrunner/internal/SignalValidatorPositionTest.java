package dev.strela.strategyrunner.internal;

import static dev.strela.strategyrunner.internal.RefusalAssertions.assertRefused;
import static dev.strela.strategyrunner.internal.SberContexts.flatPosition;
import static dev.strela.strategyrunner.internal.SberContexts.holding;
import static dev.strela.strategyrunner.internal.SberContexts.noPosition;
import static dev.strela.strategyrunner.internal.SberContexts.price;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Direction;
import dev.strela.api.model.EntryType;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalType;
import dev.strela.strategyrunner.internal.SignalValidator.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Type and direction against this strategy's position; SBER's last close is 270.00. */
class SignalValidatorPositionTest {

    private final SignalValidator validator = new SignalValidator();

    @ParameterizedTest
    @EnumSource(value = SignalType.class, names = {"OPEN", "ADD", "REVERSE"})
    void validate_whenEntryDirectionFlat_thenRefusedNamingDirection(SignalType type) {
        Signal signal = new Signal(type, Direction.FLAT, EntryType.MARKET, null, price("265.10"), null, null, null,
                null);
        assertThat(validator.validate(signal, holding(Direction.LONG, 3))).map(Refusal::message)
                .contains("direction: must be LONG or SHORT for " + type + ", was FLAT");
    }

    // --- CLOSE -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Direction.class, names = {"LONG", "SHORT"})
    void validate_whenCloseFlatWithPositionOpen_thenAllowed(Direction open) {
        assertThat(validator.validate(Signal.close(), holding(open, 3))).isEmpty();
    }

    @Test
    void validate_whenCloseNamingThePositionDirection_thenAllowed() {
        Signal signal = new Signal(SignalType.CLOSE, Direction.SHORT, EntryType.MARKET, null, null, null, null, null,
                null);
        assertThat(validator.validate(signal, holding(Direction.SHORT, 5))).isEmpty();
    }

    @Test
    void validate_whenCloseAtLimitPrice_thenAllowed() {
        Signal signal = Signal.close().withLimit(price("272.40"));
        assertThat(validator.validate(signal, holding(Direction.LONG, 3))).isEmpty();
    }

    @Test
    void validate_whenCloseCarriesStopAndTake_thenBothIgnoredAndAllowed() {
        // a LONG position closing with a stop above and a take below the close: not checked at all
        Signal signal = new Signal(SignalType.CLOSE, Direction.FLAT, EntryType.MARKET, null, price("280.00"),
                price("0.00"), null, null, null);
        assertThat(validator.validate(signal, holding(Direction.LONG, 3))).isEmpty();
    }

    @Test
    void validate_whenCloseWithNoPositionRow_thenRefusedNamingType() {
        assertThat(validator.validate(Signal.close(), noPosition())).map(Refusal::message)
                .contains("type: CLOSE with no open position");
    }

    @Test
    void validate_whenCloseWithFlatPositionRow_thenRefusedNamingType() {
        assertRefused(validator.validate(Signal.close(), flatPosition()), "type", "CLOSE with no open position");
    }

    @Test
    void validate_whenCloseNamingTheOppositeDirection_thenRefusedNamingDirection() {
        Signal signal = new Signal(SignalType.CLOSE, Direction.SHORT, EntryType.MARKET, null, null, null, null, null,
                null);
        assertThat(validator.validate(signal, holding(Direction.LONG, 3))).map(Refusal::message)
                .contains("direction: must be FLAT or LONG (the open position) for CLOSE, was SHORT");
    }

    // --- OPEN ------------------------------------------------------------------------------------

    @Test
    void validate_whenOpenWithFlatPositionRow_thenAllowed() {
        assertThat(validator.validate(Signal.openLong(price("265.10")), flatPosition())).isEmpty();
    }

    @Test
    void validate_whenOpenLongWithLongOpen_thenRefusedNamingTypePointingToAdd() {
        assertThat(validator.validate(Signal.openLong(price("265.10")), holding(Direction.LONG, 3)))
                .map(Refusal::message).contains("type: OPEN with a LONG position already open (use ADD)");
    }

    @Test
    void validate_whenOpenShortWithLongOpen_thenRefusedNamingTypePointingToReverse() {
        assertThat(validator.validate(Signal.openShort(price("274.90")), holding(Direction.LONG, 3)))
                .map(Refusal::message).contains("type: OPEN SHORT with a LONG position open (use REVERSE)");
    }

    // --- ADD -------------------------------------------------------------------------------------

    @Test
    void validate_whenAddLongWithLongOpen_thenAllowed() {
        assertThat(validator.validate(Signal.add(Direction.LONG, price("266.00")), holding(Direction.LONG, 3)))
                .isEmpty();
    }

    @Test
    void validate_whenAddWithNoPosition_thenRefusedNamingType() {
        assertThat(validator.validate(Signal.add(Direction.LONG, price("266.00")), noPosition()))
                .map(Refusal::message).contains("type: ADD to LONG needs an open LONG position, have none");
    }

    @Test
    void validate_whenAddLongWithShortOpen_thenRefusedNamingType() {
        assertRefused(validator.validate(Signal.add(Direction.LONG, price("266.00")), holding(Direction.SHORT, 3)),
                "type", "ADD to LONG needs an open LONG position, have SHORT");
    }

    // --- REVERSE ---------------------------------------------------------------------------------

    @Test
    void validate_whenReverseToShortWithLongOpen_thenAllowed() {
        assertThat(validator.validate(Signal.reverse(Direction.SHORT, price("274.90")), holding(Direction.LONG, 3)))
                .isEmpty();
    }

    @Test
    void validate_whenReverseToLongWithShortOpen_thenAllowed() {
        assertThat(validator.validate(Signal.reverse(Direction.LONG, price("265.10")), holding(Direction.SHORT, 3)))
                .isEmpty();
    }

    @Test
    void validate_whenReverseWithNoPosition_thenRefusedNamingType() {
        assertThat(validator.validate(Signal.reverse(Direction.LONG, price("265.10")), noPosition()))
                .map(Refusal::message).contains("type: REVERSE to LONG needs an open SHORT position, have none");
    }

    @Test
    void validate_whenReverseToLongWithLongOpen_thenRefusedNamingType() {
        assertRefused(validator.validate(Signal.reverse(Direction.LONG, price("265.10")), holding(Direction.LONG, 3)),
                "type", "REVERSE to LONG needs an open SHORT position, have LONG");
    }
}
