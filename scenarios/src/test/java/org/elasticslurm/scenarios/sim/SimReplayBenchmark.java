package org.elasticslurm.scenarios.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;

/**
 * Benchmark (not a test): every level and failure scenario on sim in one JVM, after a warm-up; prints the wall
 * time per scenario and for the whole set. The command line's figure (JVM start included) is measured with
 * {@code time ./elastic-lab replay level0}.
 *
 * <pre>
 * mvn -B -o -q -pl scenarios test-compile &amp;&amp; java -cp scenarios/target/test-classes:scenarios/target/classes:$(cat scenarios/target/classpath.txt) \
 *     org.elasticslurm.scenarios.sim.SimReplayBenchmark scenarios/levels scenarios/failures
 * </pre>
 */
public final class SimReplayBenchmark {

    private SimReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : args) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        SlurmConfParser parser = new SlurmConfParser();
        List<LoadedScenario> loaded = new ArrayList<>();
        for (Path f : files) {
            loaded.add(new ScenarioChecker(parser).check(new ScenarioParser().parse(f)));
        }
        SimTarget sim = new SimTarget(parser);
        ScenarioRunner runner = new ScenarioRunner(Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            loaded.forEach(l -> runner.run(l, sim, ProgressListener.NONE));
        }
        int rounds = 10;
        long total = 0;
        for (LoadedScenario l : loaded) {
            long start = System.nanoTime();
            ScenarioResult r = null;
            for (int i = 0; i < rounds; i++) {
                r = runner.run(l, sim, ProgressListener.NONE);
            }
            long nanos = (System.nanoTime() - start) / rounds;
            total += nanos;
            System.out.printf("%-26s %s  scenario time %6.1f s  wall %6.1f ms%n", l.scenario().name(),
                    r.passed() ? "passed" : "FAILED", r.scenarioTime().toMillis() / 1000.0, nanos / 1e6);
        }
        System.out.printf("all %d scenarios: %.1f ms per round (warm JVM)%n", loaded.size(), total / 1e6);
    }
}
