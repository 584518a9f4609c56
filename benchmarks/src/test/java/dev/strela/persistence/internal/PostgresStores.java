package dev.strela.persistence.internal;

/** The platform's PostgreSQL repositories on a fresh, migrated embedded server, for comparing a replay with them. */
public final class PostgresStores implements AutoCloseable {

    private final BenchDatabase database;
    public final JdbiMarketDataRepository market;
    public final JdbiStrategyUniverseRepository universe;
    public final JdbiRunRepository runs;
    public final JdbiSignalRepository signals;
    public final JdbiTradingStateRepository state;
    public final JdbiExecutionStore execution;
    public final JdbiBrokerStore broker;
    public final JdbiTradingControlRepository controls;

    private PostgresStores(BenchDatabase database) {
        this.database = database;
        ConnectedDatabase db = database.db();
        this.market = new JdbiMarketDataRepository(db);
        this.universe = new JdbiStrategyUniverseRepository(db);
        this.runs = new JdbiRunRepository(db);
        this.signals = new JdbiSignalRepository(db);
        this.state = new JdbiTradingStateRepository(db);
        this.execution = new JdbiExecutionStore(db);
        this.broker = new JdbiBrokerStore(db);
        this.controls = new JdbiTradingControlRepository(db);
    }

    public static PostgresStores start() throws Exception {
        return new PostgresStores(BenchDatabase.start(4));
    }

    @Override
    public void close() throws Exception {
        database.close();
    }
}
