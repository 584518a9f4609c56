package dev.strela.execution;

import org.osgi.annotation.versioning.ProviderType;

/** The DRL rule set the execution layer decides with. */
@ProviderType
public interface RuleService {

    /** Files, the active version and when it loaded, and the last compile error. */
    RulesStatus status();

    /** Reads and compiles the rules folder now, even when nothing changed; the old rules stay on failure. */
    RulesStatus reload();
}
