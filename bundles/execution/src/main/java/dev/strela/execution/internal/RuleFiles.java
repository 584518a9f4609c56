package dev.strela.execution.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The DRL files of a rules folder, by file name (in name order), with the version that names their content: the first 12 hex
 * digits of a SHA-256 over every file name and text, in name order. Equal folders give equal versions.
 */
public record RuleFiles(Path folder, Map<String, String> texts, String version) {

    /** Reads every {@code *.drl} directly in {@code folder}. */
    public static RuleFiles read(Path folder) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(RuleFiles::isRuleFile).sorted()::iterator) {
                texts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return new RuleFiles(folder, Collections.unmodifiableMap(texts), version(texts));
    }

    static boolean isRuleFile(Path file) {
        return file.getFileName().toString().endsWith(".drl") && Files.isRegularFile(file);
    }

    static String version(Map<String, String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : new TreeMap<>(texts).entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
