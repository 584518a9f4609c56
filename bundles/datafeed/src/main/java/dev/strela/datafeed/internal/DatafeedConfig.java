package dev.strela.datafeed.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.datafeed.cfg}. */
@ObjectClassDefinition(name = "Strela data feed")
public @interface DatafeedConfig {

    String PID = "dev.strela.datafeed";

    @AttributeDefinition(description = "A live BAR_CLOSE older than this (seconds after the bar ended) is stored but not announced (bar_too_old)")
    int barMaxAgeSeconds() default 120;

    @AttributeDefinition(description = "Live feed: no candle for this many seconds during trading hours is data_feed_down")
    int liveSilenceSeconds() default 90;

    @AttributeDefinition(description = "Live feed: a gap longer than this many minutes between candles during trading hours switches on safe mode")
    int liveGapMinutes() default 5;

    @AttributeDefinition(description = "Live feed: seconds after a bar's end, by the wall clock, before it is closed even if no data moved the feed clock")
    int liveGraceSeconds() default 5;

    @AttributeDefinition(description = "Closed bars kept in memory per instrument and timeframe for the strategies")
    int windowBars() default 500;

    @AttributeDefinition(description = "Candles stored per transaction during an import")
    int importBatchSize() default 20_000;
}
