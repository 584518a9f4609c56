package dev.strela.execution.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;

import dev.strela.execution.facts.Decision;

/**
 * A compiled, immutable rule base with its version. {@link #decide} may be called from any thread; each call runs
 * in its own (pooled, reset) session, so a replaced rule set never shows half of itself to a signal.
 */
public final class RuleSet {

    /** More firings than this for one signal means a rule loops. */
    static final int MAX_FIRINGS = 10_000;

    /** Where the files live under {@code etc/}; also the folder Drools expects for the package {@code strela.rules}. */
    static final String SOURCE_FOLDER = "strela/rules/";

    private final KieBase base;
    private final KieSessionsPool sessions;
    private final ClassLoader loader;
    private final RuleFiles files;
    private final Instant loadedAt;

    private RuleSet(KieBase base, ClassLoader loader, RuleFiles files, Instant loadedAt) {
        this.base = base;
        this.sessions = base.newKieSessionsPool(2);
        this.loader = loader;
        this.files = files;
        this.loadedAt = loadedAt;
    }

    /**
     * Compiles {@code files} with {@code loader} (the bundle's class loader, which sees the fact classes and Drools).
     *
     * @throws RuleCompileException with every error Drools reports, each with its file and line
     */
    public static RuleSet compile(RuleFiles files, ClassLoader loader, Instant now) throws RuleCompileException {
        if (files.texts().isEmpty()) {
            throw new RuleCompileException("rules_compile_failed: no .drl file in " + files.folder());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            KieHelper helper = new KieHelper();
            helper.setClassLoader(loader);
            for (Map.Entry<String, String> file : files.texts().entrySet()) {
                helper.addResource(ResourceFactory.newByteArrayResource(file.getValue().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).setSourcePath(SOURCE_FOLDER + file.getKey()), ResourceType.DRL);
            }
            Results results = helper.verify();
            List<Message> errors = results.getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                throw new RuleCompileException("rules_compile_failed: " + errors.stream()
                        .map(m -> where(m) + " " + m.getText().strip()).collect(Collectors.joining("; ")));
            }
            return new RuleSet(helper.build(), loader, files, now);
        } catch (RuntimeException e) {
            throw new RuleCompileException("rules_compile_failed: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String where(Message m) {
        String path = m.getPath() != null ? m.getPath() : "?";
        return m.getLine() > 0 ? path + ":" + m.getLine() : path;
    }

    /**
     * Inserts {@code facts} and a fresh {@link Decision}, fires every rule, and returns the decision and the rules that
     * fired. Runs with the bundle's class loader as the thread context class loader: Drools finds its runtime
     * services through it (the first session fails with ExceptionInInitializerError on a Camel thread otherwise).
     */
    public Outcome decide(List<Object> facts) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return decideInSession(facts);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Outcome decideInSession(List<Object> facts) {
        Decision decision = new Decision();
        List<String> fired = new ArrayList<>();
        // A pooled session is reset when disposed and reused: no facts or listener survive from one decision to the next.
        KieSession session = sessions.newKieSession();
        DefaultAgendaEventListener listener = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        };
        try {
            session.addEventListener(listener);
            for (Object fact : facts) {
                if (fact != null) {
                    session.insert(fact);
                }
            }
            session.insert(decision);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new IllegalStateException("rules fired " + MAX_FIRINGS + " times for one signal (a rule that"
                        + " re-activates itself?); rules fired first: " + fired.subList(0, Math.min(10, fired.size())));
            }
        } finally {
            session.removeEventListener(listener);
            session.dispose();
        }
        return new Outcome(decision, List.copyOf(fired));
    }

    public String version() {
        return files.version();
    }

    public RuleFiles files() {
        return files;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The decision and the names of the rules that fired, in firing order. */
    public record Outcome(Decision decision, List<String> rulesFired) {
    }
}
