package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything it is told, for assertions. */
final class Collected implements CandleFileListener {

    final List<Bar> bars = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void candle(Bar minute, long line) {
        bars.add(minute);
        lines.add(line);
    }

    @Override
    public void rejected(Rejection rejection) {
        rejections.add(rejection);
    }
}
