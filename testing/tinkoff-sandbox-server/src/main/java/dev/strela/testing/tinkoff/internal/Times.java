package dev.strela.testing.tinkoff.internal;

import java.time.Instant;

import com.google.protobuf.Timestamp;

/** Conversions between {@link Instant} and protobuf timestamps. */
public final class Times {
    private Times() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
