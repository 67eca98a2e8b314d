package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void linesCarryScenarioTargetAndWallTimeAndWaitsAreThrottled() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T15:00:00Z"));
        StringWriter text = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(text), clock, Duration.ofSeconds(10));
        var level3 = new ScenarioParser().parse(Path.of(System.getProperty("scenarios.levels", "levels"))
                .resolve("level3.yaml"));

        p.scenarioStarted(level3, TargetKind.QEMU);
        p.stepStarted(1, 1, "submit srun -w test1 hostname");
        clock.advance(Duration.ofSeconds(3));
        p.waiting("expectations", Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(4));
        p.waiting("expectations", Duration.ofSeconds(7));
        clock.advance(Duration.ofSeconds(65));
        p.waiting("expectations", Duration.ofSeconds(72));
        p.stage(new Stage("test1", "slurmd registered", Duration.ofSeconds(34), Duration.ofMillis(38_200)));
        p.stepFinished(new StepOutcome(1, "x", StepOutcome.Status.NOT_APPLICABLE, Duration.ZERO, Duration.ZERO,
                "not applicable on qemu: why"));

        assertThat(text.toString()).isEqualTo("""
                [level3 qemu 00:00] starting: 1 step, 9 expectations
                [level3 qemu 00:00] step 1/1: submit srun -w test1 hostname
                [level3 qemu 00:03] waiting for expectations (scenario time 3s)
                [level3 qemu 01:12] waiting for expectations (scenario time 1m12s)
                [level3 qemu 01:12] stage test1 slurmd registered after 38.2s
                [level3 qemu 01:12] step 1 not applicable: not applicable on qemu: why
                """);
    }
}
