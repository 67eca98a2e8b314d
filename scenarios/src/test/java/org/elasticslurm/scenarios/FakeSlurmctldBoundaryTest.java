package org.elasticslurm.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenarios see fake-slurmctld through its public API package ({@code org.elasticslurm.fake.api}) only, so the
 * emulator's controller, kernel, hook runner and wire codec can change without touching this module.
 */
class FakeSlurmctldBoundaryTest {

    /** A reference to a fake-slurmctld class: import, static import, wildcard import or a qualified name. */
    private static final Pattern FAKE_REFERENCE = Pattern.compile(
            "\\borg\\.elasticslurm\\.fake\\.((?:[a-z][a-z0-9_]*\\.)*[a-z][a-z0-9_]*)\\.(?:[A-Z]|\\*)");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void mainCodeUsesFakeSlurmctldOnlyThroughItsApiPackage() throws IOException {
        List<Path> sources = javaFiles(MAIN_SOURCES);
        assertThat(sources).as("scenarios' main sources").isNotEmpty();
        List<String> outside = new ArrayList<>();
        int throughApi = 0;
        for (Path file : sources) {
            String[] lines = Files.readString(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = FAKE_REFERENCE.matcher(lines[i]);
                while (m.find()) {
                    if (m.group(1).equals("api")) {
                        throughApi++;
                    } else {
                        outside.add(MAIN_SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(throughApi).as("references to org.elasticslurm.fake.api (the sim target uses the fake)")
                .isPositive();
        assertThat(outside).as("references to fake-slurmctld packages other than org.elasticslurm.fake.api")
                .isEmpty();
    }

    @Test
    void referencePatternFindsEveryFormOfUse() {
        assertThat(packagesIn("import org.elasticslurm.fake.controller.SlurmController;")).containsExactly("controller");
        assertThat(packagesIn("import static org.elasticslurm.fake.wire.Json.parse;")).containsExactly("wire");
        assertThat(packagesIn("import org.elasticslurm.fake.sim.cluster.*;")).containsExactly("sim.cluster");
        assertThat(packagesIn("for (org.elasticslurm.fake.hook.HookCall c : calls)")).containsExactly("hook");
        assertThat(packagesIn("import org.elasticslurm.fakes.Other;")).isEmpty();
    }

    private static List<String> packagesIn(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = FAKE_REFERENCE.matcher(line);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
