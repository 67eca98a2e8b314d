package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheap commands the READMEs document run as written, from the repository root: every {@code ./elastic-lab}
 * command on sim (its synopsis with optional parts left out, each alternative, {@code F} a small site slurm.conf,
 * {@code W} a small generated workload) and the benchmark launchers' listings. Commands for other targets and
 * benchmark runs are left out (minutes each, or real VMs).
 */
@CpuCost(1)
class ReadmeCommandsIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<Path> READMES = List.of(ROOT.resolve("README.md"), ROOT.resolve("scenarios/README.md"),
            ROOT.resolve("provisioner/README.md"), ROOT.resolve("fake-slurmctld/README.md"),
            ROOT.resolve("fake-slurmctld/DROP-IN.md"));
    private static final Pattern INLINE = Pattern.compile("`((?:\\./elastic-lab|[a-z-]+/bin/bench)[^`]*)`");
    private static final Pattern BLOCK_LINE = Pattern.compile("(?m)^\\s*((?:\\./elastic-lab|[a-z-]+/bin/bench)[^#\\n]*)");

    @TempDir
    static Path dir;
    static Path siteConf;
    static Path workload;

    @BeforeAll
    static void site() throws IOException {
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        for (String h : List.of("resume", "suspend", "resumefail")) {
            Files.writeString(hooks.resolve(h), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(hooks.resolve(h), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        siteConf = dir.resolve("slurm.conf");
        Files.writeString(siteConf, "ClusterName=site\nSlurmctldHost=head\n"
                + "SuspendProgram=" + hooks.resolve("suspend") + "\nResumeProgram=" + hooks.resolve("resume") + "\n"
                + "ResumeFailProgram=" + hooks.resolve("resumefail") + "\n"
                + "SuspendTime=300\nResumeTimeout=300\nTreeWidth=300\n"
                + "NodeName=c[1-4] State=CLOUD CPUs=8\nPartitionName=batch Nodes=c[1-4] Default=YES State=UP\n");
        workload = dir.resolve("workload.yaml");
        Files.writeString(workload, "jobs: 5\nmean-interval: 60s\nnodes: 1-2\nruntime: 2m-5m\ncpus-per-node: 8\n");
    }

    /** Every documented command, as written. */
    static Set<String> documented() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (Path readme : READMES) {
            String text = Files.readString(readme);
            for (Pattern p : List.of(INLINE, BLOCK_LINE)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    out.add(m.group(1).strip());
                }
            }
        }
        return out;
    }

    /**
     * The commands to run for a documented one: none when it is not a cheap one; one per alternative of a word
     * such as {@code level0|level1|FILE} (a placeholder alternative is dropped) and per command for
     * {@code COMMAND}.
     */
    static List<List<String>> runnable(String documented) {
        String c = documented;
        for (String before = ""; !before.equals(c); ) {
            before = c;
            c = c.replaceAll("\\[[^\\[\\]]*\\]", "");
        }
        c = c.replace("\\|", "|").trim();
        if (c.equals("./elastic-lab") || c.contains("--target") || c.contains("...") || c.contains("<")
                || c.contains("/bin/bench")) {
            return List.of(); // the program named in prose, other targets, and benchmark runs (minutes each)
        }
        List<List<String>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (String word : c.split("\\s+")) {
            List<String> choices = new ArrayList<>();
            for (String w : word.split("\\|")) {
                switch (w) {
                    case "F", "/etc/slurm/slurm.conf" -> choices.add(siteConf.toString());
                    case "W" -> choices.add(workload.toString());
                    case "FILE" -> { } // a scenario file of one's own: the levels stand for it
                    case "COMMAND" -> choices.addAll(List.of("replay", "lint", "validate", "simulate"));
                    default -> choices.add(w);
                }
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String w : choices) {
                    List<String> args = new ArrayList<>(prefix);
                    args.add(w);
                    next.add(args);
                }
            }
            out = next;
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> documentedCommandsRunAsWritten() throws IOException {
        Set<String> commands = documented();
        assertThat(commands).as("commands found in the READMEs").contains("./elastic-lab replay level0")
                .anyMatch(c -> c.startsWith("./elastic-lab lint --slurm-conf"))
                .contains("fake-slurmctld/bin/bench CommandLatencyBenchmark [RUNS]");
        List<DynamicTest> tests = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (String documented : commands) {
            for (List<String> args : runnable(documented)) {
                if (seen.add(args)) {
                    tests.add(DynamicTest.dynamicTest(String.join(" ", args), () -> check(documented, args)));
                }
            }
        }
        assertThat(seen).as("cheap commands").contains(List.of("./elastic-lab", "replay", "level3"),
                List.of("./elastic-lab", "lint", "--slurm-conf", siteConf.toString()),
                List.of("./elastic-lab", "simulate", "--help"));
        for (String bench : List.of("provisioner/bin/bench", "fake-slurmctld/bin/bench", "slurm-conf/bin/bench")) {
            List<String> args = List.of(bench);
            if (seen.add(args)) {
                tests.add(DynamicTest.dynamicTest(bench, () -> check(bench, args)));
            }
        }
        return tests.stream();
    }

    private static void check(String documented, List<String> args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(args).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("'" + documented + "' did not finish within 5 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        String as = "'" + documented + "' as " + args + ":\n" + text;
        if (args.get(0).endsWith("/bin/bench")) {
            assertThat(p.exitValue()).as(as).isEqualTo(64);
            assertThat(text).as(as).contains("Benchmark");
        } else if (args.contains("replay") && !args.contains("--help")) {
            assertThat(p.exitValue()).as(as).isZero();
            assertThat(text).as(as).contains(" on sim: PASSED");
        } else {
            assertThat(p.exitValue()).as(as).isZero();
        }
    }
}
