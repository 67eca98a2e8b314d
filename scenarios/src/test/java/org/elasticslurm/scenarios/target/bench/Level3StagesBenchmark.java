package org.elasticslurm.scenarios.target.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.sim.SimTarget;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.libvirttest.LibvirtTestTarget;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.target.qemu.QemuTarget;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * Per-stage durations of a scenario (default Level 3) on each target given, and the provisioner's overhead: the
 * time not spent in the guest's boot ({@code resume hook -> provisioner}, {@code define/create + start},
 * {@code address -> scontrol update}, {@code destroy}) as a share of the node's total (resume hook to job done,
 * plus destroy).
 *
 * <pre>java -cp ... Level3StagesBenchmark [--scenario FILE] sim libvirt-test qemu:real qemu:fake</pre>
 */
public final class Level3StagesBenchmark {
    private Level3StagesBenchmark() {
    }

    public static void main(String[] args) {
        Path file = Path.of(System.getProperty("scenarios.levels", "scenarios/levels")).resolve("level3.yaml");
        int i = 0;
        if (args.length > 1 && args[0].equals("--scenario")) {
            file = Path.of(args[1]);
            i = 2;
        }
        var loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        for (; i < args.length; i++) {
            Target target = switch (args[i]) {
                case "sim" -> new SimTarget(new SlurmConfParser());
                case "libvirt-test" -> LibvirtTestTarget.standard();
                case "qemu:real" -> QemuTarget.standard(ControllerKind.REAL);
                case "qemu:fake" -> QemuTarget.standard(ControllerKind.FAKE);
                default -> throw new IllegalArgumentException("unknown target " + args[i]
                        + "; allowed: sim, libvirt-test, qemu:real, qemu:fake");
            };
            ScenarioResult r = new ScenarioRunner(Clock.systemUTC()).run(loaded, target, ProgressListener.NONE);
            System.out.println("== " + loaded.scenario().name() + " on " + args[i] + ": "
                    + (r.passed() ? "passed" : "FAILED " + r.error().orElse("")) + ", wall " + Durations.format(r.wallTime()));
            for (Stage s : r.stages()) {
                System.out.printf("  %-8s %-45s %10s  (from %s)%n", s.node(), s.name(), Durations.format(s.duration()),
                        Durations.format(s.start()));
            }
            overhead(r.stages()).ifPresent(System.out::println);
        }
    }

    /** "provisioner overhead X of Y (Z%)" over the nodes that ran a job, when the stages show one. */
    static java.util.Optional<String> overhead(List<Stage> stages) {
        Duration over = Duration.ZERO;
        Duration total = Duration.ZERO;
        for (String node : stages.stream().map(Stage::node).filter(n -> !n.isEmpty()).distinct().toList()) {
            List<Stage> mine = stages.stream().filter(s -> s.node().equals(node)).toList();
            var hook = mine.stream().filter(s -> s.name().equals(RunStages.HOOK)).findFirst();
            var job = mine.stream().filter(s -> s.name().equals(RunStages.JOB)).findFirst();
            if (hook.isEmpty() || job.isEmpty()) {
                continue;
            }
            Duration destroy = mine.stream().filter(s -> s.name().equals(RunStages.DESTROY)).map(Stage::duration)
                    .reduce(Duration.ZERO, Duration::plus);
            total = total.plus(job.get().start().plus(job.get().duration()).minus(hook.get().start())).plus(destroy);
            over = over.plus(destroy).plus(mine.stream().filter(s -> List.of(RunStages.HOOK, RunStages.CREATE,
                    RunStages.REPORT).contains(s.name())).map(Stage::duration).reduce(Duration.ZERO, Duration::plus));
        }
        if (total.isZero()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "  provisioner overhead %s of %s (%.1f%%)",
                Durations.format(over), Durations.format(total), 100.0 * over.toMillis() / total.toMillis()));
    }
}
