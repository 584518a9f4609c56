package dev.strela.itests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.AssumptionViolatedException;
import org.junit.runner.Description;
import org.junit.runner.Runner;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Runs a Pax Exam class only where the real market data is present (system property {@code strela.data.dir},
 * default {@code ../shared/data} beside the checkout); elsewhere the class is reported as skipped, saying why.
 * The check runs on the test driver's side, before any container boots (an assumption inside the container
 * would be reported as a pass).
 */
public final class PaxExamWithMarketData extends Runner {

    static final String PROPERTY = "strela.data.dir";
    /** A file every test of this kind reads. */
    static final String PROBE = "raw/empenoso_SilverFir-TradingBot_backtesting/dont_use_Backtrader/data/1min/BBG004730N88_2024.zip";

    private final Runner delegate;
    private final Description description;
    private final String reason;

    public PaxExamWithMarketData(Class<?> testClass) throws InitializationError {
        Path dir = dataDirectory();
        if (Files.isRegularFile(dir.resolve(PROBE))) {
            delegate = new PaxExam(testClass);
            description = delegate.getDescription();
            reason = null;
        } else {
            delegate = null;
            description = Description.createSuiteDescription(testClass);
            description.addChild(Description.createTestDescription(testClass, "requiresMarketData"));
            reason = "market data not found under " + dir + " (set -Dstrela.data.dir to the folder holding raw/)";
        }
    }

    static Path dataDirectory() {
        return Path.of(System.getProperty(PROPERTY, "../../../shared/data")).toAbsolutePath().normalize();
    }

    @Override
    public Description getDescription() {
        return description;
    }

    @Override
    public void run(RunNotifier notifier) {
        if (delegate != null) {
            delegate.run(notifier);
        } else {
            Description test = description.getChildren().get(0);
            notifier.fireTestStarted(test);
            notifier.fireTestAssumptionFailed(new Failure(test, new AssumptionViolatedException(reason)));
            notifier.fireTestFinished(test);
        }
    }
}
