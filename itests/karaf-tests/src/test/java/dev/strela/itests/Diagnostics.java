package dev.strela.itests;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What the container looked like when a wait timed out: bundle states, components that are not active, the
 * registered strategies, every thread's stack and the container's log, written to a file in the driver's
 * {@code target/it-diagnostics} (the container's own folder is deleted after the run). Inside the container only.
 */
final class Diagnostics {

    /** Container system property: the folder the dumps go to. */
    static final String DIR = "strela.it.diagnostics";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss-SSS").withZone(ZoneOffset.UTC);

    private Diagnostics() {
    }

    /** Writes the dump and returns where it went, or why it could not be written. */
    static String dump(String what) {
        Bundle own = FrameworkUtil.getBundle(Diagnostics.class);
        String dir = System.getProperty(DIR);
        if (own == null || dir == null) {
            return "(no diagnostics: not inside the container)";
        }
        StringBuilder b = new StringBuilder("timed out waiting for: ").append(what).append(" at ").append(Instant.now())
                .append('\n');
        BundleContext context = own.getBundleContext();
        try {
            bundles(context, b);
            components(context, b);
            strategies(context, b);
        } catch (RuntimeException e) {
            b.append("\n(diagnostics failed: ").append(e).append(")\n");
        }
        threads(b);
        log(b);
        try {
            Path folder = Files.createDirectories(Path.of(dir));
            Path file = folder.resolve(testClass() + "-" + STAMP.format(Instant.now()) + ".txt");
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            return "(diagnostics not written: " + e + ")";
        }
    }

    private static void bundles(BundleContext context, StringBuilder b) {
        b.append("\n--- bundles not ACTIVE, and all strela bundles\n");
        for (Bundle bundle : context.getBundles()) {
            boolean strela = bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("dev.strela");
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            if (strela || (bundle.getState() != Bundle.ACTIVE && !fragment)) {
                b.append(bundle.getBundleId()).append(' ').append(bundle.getSymbolicName()).append('/')
                        .append(bundle.getVersion()).append(' ').append(state(bundle.getState())).append(" modified ")
                        .append(Instant.ofEpochMilli(bundle.getLastModified())).append('\n');
            }
        }
    }

    private static void components(BundleContext context, StringBuilder b) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            b.append("\n(no ServiceComponentRuntime)\n");
            return;
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            b.append("\n--- strela components (state: 1 unsatisfied configuration, 2 unsatisfied reference, 4 satisfied,"
                    + " 8 active, 16 failed activation)\n");
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("dev.strela")) {
                    continue;
                }
                b.append(description.name).append(scr.isComponentEnabled(description) ? "" : " DISABLED").append('\n');
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    b.append("    state ").append(configuration.state);
                    if (configuration.failure != null) {
                        b.append(" failure: ").append(configuration.failure);
                    }
                    for (UnsatisfiedReferenceDTO missing : configuration.unsatisfiedReferences) {
                        b.append(" missing ").append(missing.name).append(' ').append(missing.target);
                    }
                    b.append('\n');
                }
            }
        } finally {
            context.ungetService(ref);
        }
    }

    private static void strategies(BundleContext context, StringBuilder b) {
        b.append("\n--- Strategy services (any class space)\n");
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(dev.strela.api.spi.Strategy.class.getName(), null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    b.append(ref.getProperty("service.id")).append(" from ").append(ref.getBundle())
                            .append(" assignable here: ")
                            .append(ref.isAssignableTo(context.getBundle(), dev.strela.api.spi.Strategy.class.getName()))
                            .append(" used by ").append(List.of(ref.getUsingBundles() == null ? new Bundle[0] : ref.getUsingBundles()))
                            .append('\n');
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            b.append(e).append('\n');
        }
    }

    private static void threads(StringBuilder b) {
        b.append("\n--- threads\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            b.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                b.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                b.append(" held by \"").append(info.getLockOwnerName()).append('"');
            }
            b.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                b.append("    at ").append(frame).append('\n');
            }
        }
    }

    private static void log(StringBuilder b) {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        b.append("\n--- ").append(log).append('\n');
        try {
            b.append(Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            b.append("(not readable: ").append(e).append(")\n");
        }
    }

    /** The test class that is waiting, from the stack. */
    private static String testClass() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("dev.strela.itests.") && name.endsWith("IT")) {
                return name.substring("dev.strela.itests.".length());
            }
        }
        return "container";
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
