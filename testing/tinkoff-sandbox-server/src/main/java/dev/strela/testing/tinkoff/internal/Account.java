package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.Operation;

/** One sandbox account: cash per currency, holdings per instrument uid, operations. Guarded by the book lock. */
public final class Account {
    private final String id;
    private final String name;
    private final Instant openedAt;
    private boolean closed;
    private final Map<String, BigDecimal> cash = new TreeMap<>();
    private final Map<String, Holding> holdings = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();

    Account(String id, String name, Instant openedAt) {
        this.id = id;
        this.name = name;
        this.openedAt = openedAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    public BigDecimal cash(String currency) {
        return cash.getOrDefault(currency, BigDecimal.ZERO);
    }

    /** Currencies ever credited or debited, in alphabetical order. */
    public Map<String, BigDecimal> cash() {
        return new TreeMap<>(cash);
    }

    void addCash(String currency, BigDecimal amount) {
        cash.merge(currency, amount, BigDecimal::add);
    }

    Holding holding(TestInstrument instrument) {
        return holdings.computeIfAbsent(instrument.uid(), k -> new Holding(instrument));
    }

    /** Holdings with a non-zero quantity. */
    public List<Holding> holdings() {
        return holdings.values().stream().filter(h -> h.quantity() != 0).toList();
    }

    public long quantity(String uid) {
        Holding holding = holdings.get(uid);
        return holding == null ? 0 : holding.quantity();
    }

    void record(Operation operation) {
        operations.add(operation);
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }
}
