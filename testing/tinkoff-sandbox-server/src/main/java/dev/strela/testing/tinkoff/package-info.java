/**
 * A Tinkoff Invest API sandbox stand-in for tests: start a {@link dev.strela.testing.tinkoff.TinkoffSandboxServer},
 * register instruments and set prices through {@link dev.strela.testing.tinkoff.SandboxMarket}, open and fund
 * accounts through {@link dev.strela.testing.tinkoff.SandboxAccounts}, point the client under test at
 * {@code 127.0.0.1:port} (or the in-process name), then steer fills, streams and faults and read the request log.
 * <pre>{@code
 * try (TinkoffSandboxServer server = new TinkoffSandboxServer().start()) {
 *     server.market().register(TestInstrument.share("BBG004730N88", sberUid, "SBER").lot(10).build());
 *     server.market().setPrice("BBG004730N88", "250.00");
 *     server.accounts().open("acc-1");
 *     server.accounts().payIn("acc-1", "100000");
 *     ManagedChannel channel = server.openChannel("t.test-token-not-real");
 *     InvestApi api = InvestApi.create(channel);
 *     // ... exercise the client, then assert on server.orders(), server.accounts(), server.requests()
 * }
 * }</pre>
 * Everything under {@code .internal} is the simulation itself and may change without notice.
 */
package dev.strela.testing.tinkoff;
