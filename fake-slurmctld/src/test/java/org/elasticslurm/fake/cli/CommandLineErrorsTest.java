package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands print for bad command lines, local commands and an absent controller, against the real
 * 22.05 commands' recorded output (same words, same streams, same exit status).
 */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        void matches(RealOutput real) {
            assertThat(out).as("stdout").isEqualTo(real.out());
            assertThat(err).as("stderr").isEqualTo(real.err());
            assertThat(exit).as("exit status").isEqualTo(real.exit());
        }
    }

    private static Run run(Function<PrintStream[], Integer> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = command.apply(new PrintStream[] {o, e});
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run scontrol(Map<String, String> env, String... args) {
        return run(s -> new ScontrolCommand(env, s[0], s[1], new ByteArrayInputStream(new byte[0]))
                .run(List.of(args)));
    }

    /** A slurm.conf like the recording's, naming controller "vm" on a port where nothing listens. */
    private Map<String, String> deadController() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, "ClusterName=lab\nSlurmctldHost=vm(127.0.0.1)\nSlurmctldPort=" + port
                + "\nNodeName=node1 State=CLOUD CPUs=1\nPartitionName=debug Nodes=node1 Default=YES\n");
        return Map.of("SLURM_CONF", conf.toString());
    }

    @Test
    void unknownOptionsGiveGetoptsMessageAndTheHelpHint() {
        scontrol(Map.of(), "--bogus").matches(RealOutput.of("badflag"));
        run(s -> new SinfoCommand(Map.of(), s[0], s[1]).run(List.of("--bogus"))).matches(RealOutput.of("sinfo_bad"));
        run(s -> new SinfoCommand(Map.of(), s[0], s[1]).run(List.of("-o"))).matches(RealOutput.of("sinfo_badfmt"));
        run(s -> new SqueueCommand(Map.of(), s[0], s[1]).run(List.of("--bogus"))).matches(RealOutput.of("squeue_bad"));
        run(s -> new SrunCommand(Map.of(), s[0], s[1], Clock.systemUTC()).run(List.of("--bogus", "hostname"), false))
                .matches(RealOutput.of("srun_bad"));
        run(s -> new SbatchCommand(Map.of(), s[0], s[1], new ByteArrayInputStream(new byte[0]))
                .run(List.of("--bogus"))).matches(RealOutput.of("sbatch_bad"));
    }

    @Test
    void slurmctldAnswersABadOptionWithItsUsage() {
        run(s -> new SlurmctldCommand(Map.of(), s[0], s[1]).run(List.of("--bogus")))
                .matches(RealOutput.of("slurmctld_bad"));
    }

    @Test
    void slurmctldRefusesAMonotonicStartThatIsNotAWholeNumberNamingTheOptionAndTheRule() {
        Run run = run(s -> new SlurmctldCommand(Map.of(), s[0], s[1])
                .run(List.of("-D", "--slurm-version", "24.11", "--monotonic-start-ms", "-5")));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("slurmctld: error: --monotonic-start-ms takes the milliseconds of "
                + "CLOCK_MONOTONIC at the start, a whole number from 0, got \"-5\"\n");
    }

    @Test
    void slurmdNamesTheBadOptionBeforeItsUsage() {
        Run run = run(s -> new SlurmdCommand(Map.of(), s[0], s[1]).run(List.of("--bogus")));

        assertThat(run.exit()).isEqualTo(RealOutput.of("slurmd_bad").exit());
        assertThat(run.err()).startsWith("slurmd: unrecognized option '--bogus'\nUsage: slurmd [OPTIONS]\n");
    }

    @Test
    void scontrolRefusesUnknownKeywordsEntitiesAndExtraArguments() {
        scontrol(Map.of(), "frobnicate").matches(RealOutput.of("badcmd"));
        scontrol(Map.of(), "show", "frob").matches(RealOutput.of("scontrol_show_bad"));
        scontrol(Map.of(), "ping", "extra").matches(RealOutput.of("scontrol_noargs_ping"));
    }

    @Test
    void hostlistCommandsWorkWithoutAControllerOrSlurmConf() {
        Map<String, String> noConf = Map.of("SLURM_CONF", dir.resolve("absent.conf").toString());

        scontrol(noConf, "show", "hostnames", "n[1-3],x[09-11]").matches(RealOutput.of("hostnames"));
        scontrol(noConf, "show", "hostlist", "n3,n1,n2,x5").matches(RealOutput.of("hostlist"));
        scontrol(noConf, "show", "hostlistsorted", "n3,n1,n2,x5").matches(RealOutput.of("hostlistsorted"));
        scontrol(noConf, "show", "hostnames").matches(RealOutput.of("scontrol_hostnames_noarg"));
    }

    @Test
    void scontrolUpdateRefusesBadWordsBeforeAskingTheController() {
        Map<String, String> noConf = Map.of("SLURM_CONF", dir.resolve("absent.conf").toString());

        scontrol(noConf, "update", "nodename=node1", "state=bogus").matches(RealOutput.of("upd_badstate"));
        scontrol(noConf, "update").matches(RealOutput.of("upd_noargs"));
        scontrol(noConf, "update", "nodename=node2", "state=drain").matches(RealOutput.of("upd_reason_missing"));
        Run noEntity = scontrol(noConf, "update", "state=resume");
        assertThat(noEntity.err()).isEqualTo("No valid entity in update command\nInput line must include \"NodeName\","
                + " \"PartitionName\", \"Reservation\", \"JobId\", or \"SlurmctldDebug\"\n");
        assertThat(noEntity.exit()).isEqualTo(1);
        Run notSupported = scontrol(noConf, "update", "nodename=node1", "foo=bar");
        assertThat(notSupported.err()).isEqualTo("Update of this parameter is not supported: foo=bar\nRequest aborted\n");
        Run noChange = scontrol(noConf, "update", "nodename=node1");
        assertThat(noChange.err()).isEqualTo("No changes specified\n");
    }

    @Test
    void aSlurmConfWithSeveralErrorsGivesOneErrorLineEachThenTheFatalOne() throws IOException {
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, "ClusterName=lab\nSlurmctldHost=vm(127.0.0.1)\nCacheGroups=1\nFooBar=2\n");

        Run r = scontrol(Map.of("SLURM_CONF", conf.toString()), "ping");

        assertThat(r.err().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("scontrol: error: " + conf + ":3: Parsing error at unrecognized key: "
                    + "CacheGroups");
            assertThat(lines.get(1)).startsWith("scontrol: error: " + conf + ":4: Parsing error at unrecognized key: "
                    + "FooBar");
            assertThat(lines.get(2)).isEqualTo("scontrol: fatal: Unable to process configuration file");
        });
    }

    @Test
    void withoutAControllerEachCommandSaysItCannotContactIt() throws IOException {
        Map<String, String> env = deadController();

        scontrol(env, "ping").matches(RealOutput.of("ping_down"));
        scontrol(env, "show", "node").matches(RealOutput.of("scontrol_show_node_down"));
        run(s -> new SinfoCommand(env, s[0], s[1]).run(List.of())).matches(RealOutput.of("sinfo_down"));
        run(s -> new SqueueCommand(env, s[0], s[1]).run(List.of())).matches(RealOutput.of("squeue_down"));
    }

    @Test
    void srunWithoutACommandAndSbatchWithoutAScriptAreRefused() {
        run(s -> new SrunCommand(Map.of(), s[0], s[1], Clock.systemUTC()).run(List.of("-w", "node1"), false))
                .matches(RealOutput.of("srun_nocmd"));
        run(s -> new SbatchCommand(Map.of(), s[0], s[1], new ByteArrayInputStream(new byte[0])).run(List.of()))
                .matches(RealOutput.of("sbatch_noscript"));
    }

    @Test
    void sbatchRefusesAScriptWithoutAnInterpreterLine() throws IOException {
        Path script = dir.resolve("s2.sh");
        Files.writeString(script, "echo no shebang\n");

        run(s -> new SbatchCommand(Map.of(), s[0], s[1], new ByteArrayInputStream(new byte[0]))
                .run(List.of(script.toString()))).matches(RealOutput.of("sbatch_noshebang2"));
    }
}
