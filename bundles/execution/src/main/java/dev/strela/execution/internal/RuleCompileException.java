package dev.strela.execution.internal;

/** A rule set that does not compile; the message carries Drools' own text with file and line. */
public final class RuleCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    public RuleCompileException(String message) {
        super(message);
    }
}
