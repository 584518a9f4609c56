package dev.strela.execution;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The rule set in force and the last attempt to replace it.
 *
 * @param activeVersion  content hash of the active rule set; null when none ever compiled (no decisions are made)
 * @param activeFiles    file names in the active rule set
 * @param loadedAt       when the active rule set was compiled
 * @param lastError      the last compile error (Drools' text with file and line), null when the last attempt succeeded
 * @param lastErrorAt    when that error happened
 * @param folderVersion  content hash of the folder as it is now (differs from activeVersion after a refused edit)
 */
public record RulesStatus(Path folder, String activeVersion, List<String> activeFiles, Instant loadedAt, String lastError,
                          Instant lastErrorAt, String folderVersion) {
}
