package dev.strela.execution.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.execution.RulesStatus;

/**
 * Holds the rule set in force and replaces it when the folder changes. Compiling happens on the caller's thread
 * (the watcher), never on the thread that decides; the swap is one volatile write, so a decision uses the old or
 * the new rule set, never a mix. A folder that does not compile leaves the old rule set in force and is reported
 * once per content version through {@code onCompileError}.
 */
public final class RuleBook {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final Path folder;
    private final ClassLoader loader;
    private final Clock clock;
    private final Consumer<String> onCompileError;
    private volatile RuleSet current;
    private String lastAttemptedVersion;
    private String folderVersion;
    private String lastError;
    private Instant lastErrorAt;

    public RuleBook(Path folder, ClassLoader loader, Clock clock, Consumer<String> onCompileError) {
        this.folder = folder;
        this.loader = loader;
        this.clock = clock;
        this.onCompileError = onCompileError;
    }

    /** The rule set in force; null while none has compiled. */
    public RuleSet current() {
        return current;
    }

    /** Compiles the folder when its content differs from the last attempt; cheap when nothing changed. */
    public synchronized RulesStatus refresh() {
        return load(false);
    }

    /** Compiles the folder even when nothing changed. */
    public synchronized RulesStatus reload() {
        return load(true);
    }

    private RulesStatus load(boolean force) {
        RuleFiles files;
        try {
            files = RuleFiles.read(folder);
        } catch (IOException e) {
            return failed("rules_compile_failed: cannot read " + folder + ": " + e, force);
        }
        folderVersion = files.version();
        if (!force && files.version().equals(lastAttemptedVersion)) {
            return status();
        }
        lastAttemptedVersion = files.version();
        long started = System.nanoTime();
        try {
            RuleSet compiled = RuleSet.compile(files, loader, clock.instant());
            current = compiled;
            lastError = null;
            lastErrorAt = null;
            LOG.info("Rules {} in force: {} file(s) from {}, compiled in {} ms", compiled.version(), files.texts().size(),
                    folder, (System.nanoTime() - started) / 1_000_000);
        } catch (RuleCompileException e) {
            return failed(e.getMessage(), true);
        }
        return status();
    }

    /** Records a failure; reported when {@code alwaysReport} or when it differs from the last one (no repeats every second). */
    private RulesStatus failed(String message, boolean alwaysReport) {
        boolean report = alwaysReport || !message.equals(lastError);
        lastError = message;
        lastErrorAt = clock.instant();
        if (report) {
            String kept = current == null ? "no rules are in force, signals wait" : "rules " + current.version() + " stay in force";
            LOG.error("{} ({})", message, kept);
            onCompileError.accept(message + " (" + kept + ")");
        }
        return status();
    }

    public synchronized RulesStatus status() {
        RuleSet active = current;
        return new RulesStatus(folder, active == null ? null : active.version(),
                active == null ? List.of() : List.copyOf(active.files().texts().keySet()),
                active == null ? null : active.loadedAt(), lastError, lastErrorAt, folderVersion);
    }
}
