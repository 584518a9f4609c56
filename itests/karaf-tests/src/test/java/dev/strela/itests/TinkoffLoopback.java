package dev.strela.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * The stand-in for Tinkoff's sandbox, on the test driver's side: one server per JVM on 127.0.0.1, one instrument (a
 * share with lot 10 and step 0.01 trading at 200.00, and a second one at 150.00), and the token in an owner-only file. Used only from
 * {@code @Configuration} methods, which run in the driver, never in the container.
 */
final class TinkoffLoopback {

    static final String TOKEN = "t.itest-token-not-real-93b5d1";
    static final String FIGI = "BBG004730N88";
    static final String UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    static final String GAZP_FIGI = "BBG004730RP0";
    static final String GAZP_UID = "962e2a95-02a9-4171-abd7-aa198dbe643a";

    private static TinkoffSandboxServer server;
    private static Path tokenFile;

    private TinkoffLoopback() {
    }

    static synchronized TinkoffSandboxServer server() {
        if (server == null) {
            server = new TinkoffSandboxServer().start();
            server.requireToken(TOKEN);
            server.market().register(TestInstrument.share(FIGI, UID, "SBER").lot(10).minPriceIncrement("0.01").build());
            server.market().setPrice(UID, "200.00");
            server.market().register(TestInstrument.share(GAZP_FIGI, GAZP_UID, "GAZP").lot(10).minPriceIncrement("0.01").build());
            server.market().setPrice(GAZP_UID, "150.00");
        }
        return server;
    }

    /** The token, alone in a file only its owner may read. */
    static synchronized Path tokenFile() {
        if (tokenFile == null) {
            try {
                Path dir = Files.createTempDirectory("strela-tinkoff-it");
                tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
                Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenFile;
    }
}
