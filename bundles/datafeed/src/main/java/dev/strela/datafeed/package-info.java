/** The data feed's services for other bundles: importing candle files. */
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.strela.datafeed;
