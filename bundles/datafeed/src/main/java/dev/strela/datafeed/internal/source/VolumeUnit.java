package dev.strela.datafeed.internal.source;

/** What a file's volume column counts: lots (Tinkoff) or shares/contracts (Finam, MOEX ISS). */
public enum VolumeUnit {
    LOTS,
    SHARES
}
