package dev.strela.execution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every shipped DRL file has a test class with cases; the shipped set compiles. */
class ShippedRuleFilesTest {

    @Test
    void everyShippedRuleFile_hasItsOwnTestClassWithCases() throws Exception {
        Map<String, Class<?>> covered = testClassesByRuleFile();
        List<String> files;
        try (Stream<Path> list = Files.list(Case.rulesFolder())) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList();
        }
        assertThat(files).as("DRL files in %s", Case.rulesFolder().toAbsolutePath()).isNotEmpty();
        for (String file : files) {
            assertThat(covered).as("a test class annotated @RuleFileTest(\"%s\")", file).containsKey(file);
            long cases = Arrays.stream(covered.get(file).getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Test.class)).count();
            assertThat(cases).as("test cases for %s", file).isGreaterThanOrEqualTo(2);
        }
        assertThat(covered.keySet()).as("test classes for files that no longer ship").isSubsetOf(files);
    }

    @Test
    void shippedRules_compile() {
        assertThat(Case.shipped().version()).hasSize(12);
    }

    private static Map<String, Class<?>> testClassesByRuleFile() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path folder = Path.of(ShippedRuleFilesTest.class.getResource("ShippedRuleFilesTest.class").toURI()).getParent();
        Map<String, Class<?>> byFile = new HashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith("Test.class")) {
                    Class<?> type = Class.forName(ShippedRuleFilesTest.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    RuleFileTest mark = type.getAnnotation(RuleFileTest.class);
                    if (mark != null) {
                        assertThat(byFile.put(mark.value(), type)).as("two test classes for %s", mark.value()).isNull();
                    }
                }
            }
        }
        return byFile;
    }

}
