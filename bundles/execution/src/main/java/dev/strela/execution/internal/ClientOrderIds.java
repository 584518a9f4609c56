package dev.strela.execution.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Client order ids derived from the signal (RFC 4122 name-based UUID, version 5, SHA-1): the same signal and leg
 * always give the same 36-character id, Tinkoff's idempotency key, so a re-send after a restart cannot make a
 * second order at the broker, and the database's unique key refuses a second row.
 */
public final class ClientOrderIds {

    /** Namespace of Strela's order ids (a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6f0c1f9e-8a4b-4f51-9d0e-2b7c5a3e91d4");

    private ClientOrderIds() {
    }

    /** The id of {@code leg} ("entry" or "close") of signal {@code signalId}. */
    public static String forSignal(long signalId, String leg) {
        return uuid5(NAMESPACE, "signal:" + signalId + ":" + leg).toString();
    }

    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
