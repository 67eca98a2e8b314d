package org.elasticslurm.scenarios.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.Target;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Scenario files as JUnit 5 dynamic tests, so a site can drop its YAML files into its own build:
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; siteScenarios() {
 *     return ScenarioFiles.in(Path.of("src/test/scenarios")).validate();       // parse + check each file
 * }
 *
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; siteScenariosOnSim() {
 *     return ScenarioFiles.in(Path.of("src/test/scenarios")).runOn(simTarget); // one container per file
 * }
 * </pre>
 * Each file's tests point at the file (its URI is the test source). In a run, every step and expectation is
 * a test: failed ones fail with the runner's account, not-applicable ones are aborted (shown as skipped) with
 * the reason, never hidden.
 */
public final class ScenarioFiles {
    private final List<Path> files;
    private final SlurmConfParser confParser;
    private final Clock clock;

    private ScenarioFiles(List<Path> files, SlurmConfParser confParser, Clock clock) {
        this.files = List.copyOf(files);
        this.confParser = confParser;
        this.clock = clock;
    }

    /**
     * The {@code *.yaml} and {@code *.yml} files under these directories (recursively) or these files, sorted by
     * path.
     *
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static ScenarioFiles in(Path... places) {
        List<Path> found = new ArrayList<>();
        for (Path place : places) {
            if (Files.isRegularFile(place)) {
                found.add(place);
                continue;
            }
            try (Stream<Path> walk = Files.walk(place)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list scenario files in " + place, e);
            }
        }
        found.sort(null);
        return new ScenarioFiles(found, new SlurmConfParser(), Clock.systemUTC());
    }

    /**
     * These files read and run as Slurm {@code version}: its slurm.conf rules, its steps and expectations
     * ({@code versions:}; the others are reported not applicable), and the behaviour the sim emulates.
     */
    public ScenarioFiles forVersion(SlurmVersion version) {
        return new ScenarioFiles(files, new SlurmConfParser(version), clock);
    }

    /** The files found, sorted. */
    public List<Path> files() {
        return files;
    }

    /** One test per file: it parses and checks against its slurm.conf, or fails with {@code file:line:column}. */
    public Stream<DynamicNode> validate() {
        return files.stream().map(f -> DynamicTest.dynamicTest(name(f), f.toUri(), () -> load(f)));
    }

    /**
     * One container per file, run on the target: a test that the file is valid, then one test per step and per
     * expectation. The scenario runs once, when its first test executes.
     */
    public Stream<DynamicNode> runOn(Target target) {
        return files.stream().map(f -> container(f, target));
    }

    private DynamicNode container(Path file, Target target) {
        LoadedScenario loaded;
        try {
            loaded = load(file);
        } catch (ScenarioException e) {
            return DynamicTest.dynamicTest(name(file), file.toUri(), () -> Assertions.fail(e.getMessage()));
        }
        Supplier<ScenarioResult> result = memoize(() ->
                new ScenarioRunner(clock).run(loaded, target, ProgressListener.NONE));
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("runs on " + target.kind(), file.toUri(), () ->
                result.get().error().ifPresent(Assertions::fail)));
        for (int i = 0; i < loaded.scenario().steps().size(); i++) {
            int index = i;
            tests.add(DynamicTest.dynamicTest("step " + (i + 1) + ": " + loaded.scenario().steps().get(i).describe(),
                    file.toUri(), () -> step(result.get(), index)));
        }
        for (int i = 0; i < loaded.scenario().expectations().size(); i++) {
            int index = i;
            tests.add(DynamicTest.dynamicTest("expect " + (i + 1) + ": "
                    + loaded.scenario().expectations().get(i).describe(), file.toUri(),
                    () -> expectation(result.get(), index)));
        }
        return DynamicContainer.dynamicContainer(loaded.scenario().name() + " on " + target.kind(), file.toUri(),
                tests.stream());
    }

    private static void step(ScenarioResult r, int index) {
        Assumptions.assumeTrue(r.error().isEmpty(), () -> "the run did not start: " + r.error().orElse(""));
        StepOutcome o = r.steps().get(index);
        switch (o.status()) {
            case FAILED -> Assertions.fail(o.description() + ": " + o.detail());
            case NOT_APPLICABLE -> Assumptions.abort(o.detail());
            case DONE -> {
            }
        }
    }

    private static void expectation(ScenarioResult r, int index) {
        Assumptions.assumeTrue(r.error().isEmpty(), () -> "the run did not start: " + r.error().orElse(""));
        ExpectationVerdict v = r.verdicts().get(index);
        switch (v.verdict()) {
            case FAILED, PENDING -> Assertions.fail(v.description() + ": " + v.detail());
            case NOT_APPLICABLE -> Assumptions.abort(v.detail());
            case PASSED -> {
            }
        }
    }

    private LoadedScenario load(Path file) {
        return new ScenarioChecker(confParser).check(new ScenarioParser().parse(file));
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "") + " (" + file + ")";
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private Optional<T> value = Optional.empty();

            @Override
            public synchronized T get() {
                if (value.isEmpty()) {
                    value = Optional.of(supplier.get());
                }
                return value.get();
            }
        };
    }
}
