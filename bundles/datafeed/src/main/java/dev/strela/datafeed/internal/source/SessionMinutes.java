package dev.strela.datafeed.internal.source;

/**
 * The MOEX stock-market minutes of one trading day (Moscow time, 2024 layout) that the
 * {@link SyntheticGenerator} fills: the 09:59 opening-auction minute, the main session
 * 10:00–18:39, the closing auction 18:45–18:49 and the evening session 19:05–23:49; 811 slots.
 * Per slot it also holds the shape of the day: volume and volatility factors.
 */
final class SessionMinutes {

    static final byte OPENING_AUCTION = 0;
    static final byte MAIN = 1;
    static final byte CLOSING_AUCTION = 2;
    static final byte EVENING = 3;

    /** Minute of the day (Moscow time) of each slot, ascending. */
    static final int[] MINUTE_OF_DAY;
    /** Session kind of each slot. */
    static final byte[] KIND;
    /** Relative volume of each slot: high after the open and before the close (a U shape). */
    static final double[] VOLUME_FACTOR;

    private static final int MAIN_OPEN = 10 * 60;
    private static final int MAIN_CLOSE = 18 * 60 + 40;

    static {
        int count = 1 + (MAIN_CLOSE - MAIN_OPEN) + 5 + (23 * 60 + 50 - (19 * 60 + 5));
        MINUTE_OF_DAY = new int[count];
        KIND = new byte[count];
        VOLUME_FACTOR = new double[count];
        int slot = 0;
        slot = fill(slot, 9 * 60 + 59, 10 * 60, OPENING_AUCTION);
        slot = fill(slot, MAIN_OPEN, MAIN_CLOSE, MAIN);
        slot = fill(slot, 18 * 60 + 45, 18 * 60 + 50, CLOSING_AUCTION);
        fill(slot, 19 * 60 + 5, 23 * 60 + 50, EVENING);
    }

    private SessionMinutes() {
    }

    private static int fill(int slot, int fromMinute, int toMinute, byte kind) {
        for (int minute = fromMinute; minute < toMinute; minute++, slot++) {
            MINUTE_OF_DAY[slot] = minute;
            KIND[slot] = kind;
            VOLUME_FACTOR[slot] = volumeFactor(minute, kind);
        }
        return slot;
    }

    private static double volumeFactor(int minute, byte kind) {
        return switch (kind) {
            case OPENING_AUCTION -> 8.0;
            case CLOSING_AUCTION -> minute == 18 * 60 + 45 ? 6.0 : 0.2;
            case EVENING -> 0.3 + 0.3 * Math.exp(-(minute - (19 * 60 + 5)) / 20.0);
            default -> 0.6 + 2.0 * Math.exp(-(minute - MAIN_OPEN) / 30.0)
                    + 1.2 * Math.exp(-(MAIN_CLOSE - 1 - minute) / 30.0);
        };
    }

    static int count() {
        return MINUTE_OF_DAY.length;
    }
}
