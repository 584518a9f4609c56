package dev.strela.testing.tinkoff.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.InstrumentIdType;

/** The instruments a test registered, keyed by uid; thread-safe. */
public final class InstrumentRegistry {
    private final Map<String, TestInstrument> byUid = new LinkedHashMap<>();

    /** Adds the instrument, replacing one with the same uid or figi. */
    public synchronized void register(TestInstrument instrument) {
        byUid.values().removeIf(old -> old.figi().equals(instrument.figi()));
        byUid.put(instrument.uid(), instrument);
    }

    public synchronized Optional<TestInstrument> find(String figiOrUid) {
        TestInstrument byKey = byUid.get(figiOrUid);
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return byUid.values().stream().filter(i -> i.isIdentifiedBy(figiOrUid)).findFirst();
    }

    /** The instrument named by a request's {@code instrument_id}, or by its deprecated {@code figi} when that is empty. */
    public TestInstrument require(String instrumentId, String figi) {
        String id = instrumentId.isEmpty() ? figi : instrumentId;
        if (id.isEmpty()) {
            throw ApiError.MISSING_INSTRUMENT_ID.exception();
        }
        return find(id).orElseThrow(() -> ApiError.INSTRUMENT_NOT_FOUND.exception("instrument_id=" + id));
    }

    /** Looks up as InstrumentsService's *By methods do; a ticker needs its class code. */
    public TestInstrument requireBy(InstrumentIdType type, String id, String classCode) {
        if (type == InstrumentIdType.INSTRUMENT_ID_UNSPECIFIED || type == InstrumentIdType.UNRECOGNIZED) {
            throw ApiError.MISSING_ID_TYPE.exception();
        }
        if (id.isEmpty()) {
            throw ApiError.MISSING_ID.exception();
        }
        if (type == InstrumentIdType.INSTRUMENT_ID_TYPE_TICKER && classCode.isEmpty()) {
            throw ApiError.CLASS_CODE_REQUIRED.exception();
        }
        return all().stream()
                .filter(i -> matches(i, type, id, classCode))
                .findFirst()
                .orElseThrow(() -> ApiError.INSTRUMENT_NOT_FOUND.exception("id=" + id));
    }

    public synchronized List<TestInstrument> all() {
        return new ArrayList<>(byUid.values());
    }

    private static boolean matches(TestInstrument i, InstrumentIdType type, String id, String classCode) {
        return switch (type) {
            case INSTRUMENT_ID_TYPE_FIGI -> i.figi().equals(id);
            case INSTRUMENT_ID_TYPE_UID -> i.uid().equals(id);
            case INSTRUMENT_ID_TYPE_POSITION_UID -> i.positionUid().equals(id);
            case INSTRUMENT_ID_TYPE_TICKER -> i.ticker().equals(id) && i.classCode().equals(classCode);
            default -> false;
        };
    }
}
