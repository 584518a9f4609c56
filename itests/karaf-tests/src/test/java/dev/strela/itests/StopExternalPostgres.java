package dev.strela.itests;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Registered through META-INF/services: stops the external PostgreSQL after the last test of the JVM. */
public final class StopExternalPostgres implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        ExternalPostgres.stopIfStarted();
    }
}
