package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.Decimals;
import io.grpc.ManagedChannel;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.core.InvestApi;

/**
 * A started server with two instruments (SBER, lot 10, step 0.01; an Si future, lot 1, step 1), one account with
 * 100 000 rubles, and the real SDK client over a plaintext TCP channel, in full and in sandbox mode.
 */
final class SandboxFixture implements AutoCloseable {
    static final String TOKEN = "t.test-token-not-real";
    static final String SBER_FIGI = "BBG004730N88";
    static final String SBER_UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    static final String SI_FIGI = "FUTSI0624000";
    static final String SI_UID = "5bcff194-f10d-4314-b9ee-56b7fdb344fd";
    static final String ACCOUNT = "acc-1";

    final TinkoffSandboxServer server = new TinkoffSandboxServer().start();
    final ManagedChannel channel = server.openChannel(TOKEN);
    final InvestApi api = InvestApi.create(channel);
    final InvestApi sandboxApi = InvestApi.createSandbox(channel);

    SandboxFixture() {
        server.market()
                .register(TestInstrument.share(SBER_FIGI, SBER_UID, "SBER").lot(10).build())
                .register(TestInstrument.future(SI_FIGI, SI_UID, "SiM4").build());
        server.accounts().open(ACCOUNT);
        server.accounts().payIn(ACCOUNT, "100000");
    }

    static Quotation price(String value) {
        return Decimals.quotation(new BigDecimal(value));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }
}
