package org.elasticslurm.provisioner.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.elasticslurm.testsupport.Requirement.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks docs/production.md's "Trying it without VMs" literally: its {@code sh} code blocks, in order, run by bash
 * in the unpacked release tarball of this build, against Debian's real slurmctld and slurmd 22.05 and the libvirt
 * backend on the test driver. Only the first line (scratch directory and ports) is replaced, so that the run
 * uses its own directory and ports (reserved through {@link FreePorts}, from {@code -Ddifferential.ports} when set).
 * A run that passes its time is stopped with everything it started. Job submitted -> machine -> slurmd -> job done -> idle suspend -> machine
 * released, slurmd stopped, nothing left running.
 */
@CpuCost(1) // the released service and hook programs: JVM starts
@ExtendWith(RealSlurmAvailable.class)
class ProductionGuideIT {
    private static final Path GUIDE = Path.of("../docs/production.md");
    private static final String SECTION = "## Trying it without VMs";
    private static final String FIRST_LINE =
            "T=/tmp/elastic-slurm-trial PORT=18080 CTLD_PORT=16817 SLURMD_PORT_1=16818 SLURMD_PORT_2=16819";

    @TempDir
    Path dir;

    @Test
    void theGuidesTrialRunsAJobOnANodeTheServiceMadeAndLeavesNothingBehindAfterTheIdleSuspend() throws Exception {
        require("root".equals(System.getProperty("user.name")), "needs root: slurmctld and slurmd run as root");
        require(Files.isExecutable(Path.of("/usr/sbin/slurmd")), "needs Debian's slurmd (/usr/sbin/slurmd)");
        try (FreePorts ports = ports()) {
            walkTheGuide(ports);
        }
    }

    private void walkTheGuide(FreePorts ports) throws Exception {
        List<String> blocks = shellBlocks(Files.readString(GUIDE), SECTION);
        assertThat(blocks).as("sh blocks of " + SECTION).hasSize(5);
        assertThat(blocks.get(0)).startsWith(FIRST_LINE + "\n");
        Path trial = dir.resolve("trial");
        String script = "set -e\n"
                + "trap 'for f in sim-slurmd service slurmctld; do"
                + " [ -e \"$T/$f.pid\" ] && kill \"$(cat \"$T/$f.pid\")\" || true; done' EXIT\n"
                + String.join("\n", blocks.subList(0, 4)).replace(FIRST_LINE, "T=" + trial
                        + " PORT=" + ports.getAsInt() + " CTLD_PORT=" + ports.getAsInt() + " SLURMD_PORT_1="
                        + ports.getAsInt() + " SLURMD_PORT_2=" + ports.getAsInt())
                + "\n" + blocks.get(4);
        Path release = unpackRelease();
        Path scriptFile = Files.writeString(dir.resolve("guide.sh"), script);
        Path output = dir.resolve("guide.out");

        Process bash = new ProcessBuilder("bash", scriptFile.toString()).directory(release.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = bash.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            stop(bash, trial);
        }
        String out = Files.readString(output);

        assertThat(ended).as("the guide's commands ended within 6 minutes; output:\n" + out).isTrue();
        assertThat(bash.exitValue()).as("exit status of the guide's commands; output:\n" + out).isZero();
        assertThat(out).contains("check: no problem found");
        assertThat(Files.readString(trial.resolve("log/service.log"))).contains("provisioner: libvirt backend");
        assertThat(Files.readString(trial.resolve("job.out")).strip()).isEqualTo(shortHostName());
        String hooks = Files.readString(trial.resolve("log/hooks.log"));
        assertThat(hooks).contains("slurm-resume trial1: accepted").contains("slurm-suspend trial1: accepted");
        String helper = Files.readString(trial.resolve("log/sim-slurmd.log"));
        Matcher started = Pattern.compile("trial1 READY: started slurmd \\(pid (\\d+)\\)").matcher(helper);
        assertThat(started.find()).as("sim-slurmd started slurmd for trial1:\n" + helper).isTrue();
        String pid = started.group(1);
        // the phase the helper's listing (every second) first saw after READY: the suspend's DESTROYING or its end
        assertThat(helper).containsPattern("trial1 (DESTROYING|POWERED_DOWN) since \\S+: stopped slurmd \\(pid " + pid
                + "\\)");
        assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(lastSinfoLine(out)).as("the last sinfo of the guide's commands").contains("idle~")
                .endsWith("trial[1-2]");
        await("slurmctld, the service and sim-slurmd ended after the guide's kill").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(trial.toString()))
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
                        .as("processes left behind").isEmpty());
    }

    /** Ports free on 127.0.0.1, from {@code -D}{@value LabPlacement#PORTS_PROPERTY} when set, reserved until closed. */
    private static FreePorts ports() {
        String range = System.getProperty(LabPlacement.PORTS_PROPERTY, "");
        return range.isBlank() ? new FreePorts() : FreePorts.range(range);
    }

    /**
     * Ends the guide's commands and what they started: SIGTERM to bash and its descendants first, so the foreground
     * command ends and the script's EXIT trap stops the daemons by their pid files; then SIGKILL to whatever is left,
     * including daemons that left bash's tree (their command line names the trial directory).
     */
    private static void stop(Process bash, Path trial) throws InterruptedException {
        List<ProcessHandle> tree = Stream.concat(Stream.of(bash.toHandle()), bash.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        bash.waitFor(30, TimeUnit.SECONDS);
        Stream.concat(tree.stream(), ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(trial.toString())))
                .filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        bash.waitFor();
    }

    /** The {@code sh} code blocks of one section of a Markdown text, in order. */
    static List<String> shellBlocks(String markdown, String heading) {
        int start = markdown.indexOf(heading + "\n");
        assertThat(start).as("section " + heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private Path unpackRelease() throws IOException, InterruptedException {
        Path tarball;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("target"), "provisioner-*-release.tar.gz")) {
            tarball = d.iterator().next().toAbsolutePath();
        }
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("tar xzf " + tarball).isZero();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir, "elastic-slurm-provisioner-*")) {
            return d.iterator().next();
        }
    }

    private static String shortHostName() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("hostname").start();
        String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    }

    private static String lastSinfoLine(String out) {
        String last = "";
        for (String line : out.split("\n")) {
            if (line.matches("trial\\*?\\s+up\\s.*")) { // a line of sinfo's table for partition trial
                last = line.strip();
            }
        }
        return last;
    }
}
