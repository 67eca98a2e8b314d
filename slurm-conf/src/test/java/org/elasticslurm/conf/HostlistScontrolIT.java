package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.conf.HostlistCorpus.Entry;
import org.elasticslurm.conf.HostlistCorpusGenerator.Answer;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Hostlist} against the real {@code scontrol} (Debian slurm-client 22.05) on expressions the committed
 * corpus does not hold: the corpus generator with another seed, asked live. Same comparison and departures as
 * {@link HostlistCorpusTest}.
 *
 * <p>Skips with a reason when scontrol is absent, except under {@code CI=true}, where it runs and fails.
 */
@ExtendWith(HostlistScontrolIT.ScontrolInstalled.class)
class HostlistScontrolIT {
    private static final long SEED = 7;
    private static final int COUNT = 400;

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> freshRandomExpressionsAreAnsweredAsTheLiveScontrolAnswersThem() throws IOException {
        Map<String, String> environment = scontrolEnvironment();
        List<String> expressions = HostlistCorpusGenerator.generate(SEED, COUNT);
        return expressions.stream().map(e -> DynamicTest.dynamicTest(HostlistCorpusGenerator.escape(e), () -> {
            Answer[] answers = HostlistCorpusGenerator.observe(e, environment);
            HostlistCorpus.assertAgrees(Entry.parse(0, HostlistCorpusGenerator.line(e, answers)));
        }));
    }

    @Test
    void liveScontrolStillGivesTheCommittedAnswersForTheDocumentedExamples() throws IOException {
        Map<String, String> environment = scontrolEnvironment();
        for (Entry committed : HostlistCorpus.load().subList(0, 40)) {
            Answer[] answers = HostlistCorpusGenerator.observe(committed.expression(), environment);
            Entry live = Entry.parse(committed.line(), HostlistCorpusGenerator.line(committed.expression(), answers));
            assertThat(live).as("corpus.tsv is current; else run regenerate.sh").isEqualTo(committed);
        }
    }

    private static Map<String, String> scontrolEnvironment() throws IOException {
        Path conf = dir.resolve("slurm.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "ClusterName=x\nSlurmctldHost=" + shortHostname() + "\n", StandardCharsets.UTF_8);
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("SLURM_CONF", conf.toString());
        return environment;
    }

    private static String shortHostname() throws IOException {
        String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Runs the tests when scontrol is on the PATH; under CI=true its absence fails them. */
    static final class ScontrolInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String path = System.getenv().getOrDefault("PATH", "");
            boolean installed = Stream.of(path.split(File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "scontrol")));
            String missing = "scontrol is not installed (Debian package slurm-client)";
            return Requirement.evaluate("scontrol found on the PATH", installed ? Optional.empty()
                    : Optional.of(Missing.of(missing, missing + "; run ci/install-packages.sh")));
        }
    }
}
