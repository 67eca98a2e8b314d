package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Top-level keys as slurmctld 22.05 takes them (messages as Debian's slurmctld 22.05.8 logs them), and every
 * error of a file reported in one parse, each at its own file and line.
 */
class TopLevelKeysTest {

    private static final Path FILE = Path.of("/etc/slurm-test/slurm.conf");
    private static final String HEAD = "ClusterName=lab\nSlurmctldHost=ctl(127.0.0.1)\n";

    @TempDir
    Path dir;

    private static SlurmConfException failure(String text) {
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class,
                () -> new SlurmConfParser(SlurmVersion.V22_05).parse(text, FILE));
        assertThat(e).as("refused: %s", text).isNotNull();
        return e;
    }

    private static SlurmConf parse(String text) {
        return new SlurmConfParser(SlurmVersion.V22_05).parse(text, FILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CacheGroups", "PreemptParameters", "FooBar"})
    void keysTheVersionDoesNotKnowAreErrorsWithTheDaemonsMessage(String key) {
        SlurmConfException e = failure(HEAD + key + "=1\n");
        assertThat(e.rule()).startsWith("Parsing error at unrecognized key: " + key + " (slurmctld 22.05 ");
        assertThat(e.location()).isEqualTo(new SourceLocation(FILE, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AccountingStorageLoc=/var/log/acct|The AccountingStorageLoc option has been removed. It is safe to remove"
                + " from your configuration.",
        "AccountingStoreJobComment=YES|The AccountingStoreJobComment option has been removed, please use"
                + " AccountingStoreFlags=job_comment option instead.",
        "SallocDefaultCommand=bash|SallocDefaultCommand has been removed. Please consider setting"
                + " LaunchParameters=use_interactive_step instead.",
        "FastSchedule=2|The FastSchedule option has been removed. The FastSchedule=2 functionality is available"
                + " through the SlurmdParameters=config_overrides option.",
        "FastSchedule=0|The FastSchedule option has been removed. Please update your configuration."})
    void removedKeysThatStopTheDaemonAreErrorsWithItsMessage(String line, String message) {
        assertThat(failure(HEAD + line + "\n").rule()).isEqualTo(message + " (slurmctld 22.05 stops)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FastSchedule=1|Ignoring obsolete FastSchedule=1 option. Please remove from your configuration.",
        "SchedulerAuth=x|The option \"SchedulerAuth\" is defunct, see man slurm.conf."})
    void removedKeysTheDaemonOnlyLogsAreWarnings(String line, String message) {
        assertThat(parse(HEAD + line + "\n").warnings()).extracting(ConfWarning::message).containsExactly(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AuthType=auth/slurm|Couldn't find the specified plugin name for auth/slurm looking at all files",
        "AuthAltTypes=auth/jwt,auth/slurm|Couldn't find the specified plugin name for auth/slurm looking at all"
                + " files",
        "CredType=cred/slurm|Couldn't find the specified plugin name for cred/slurm looking at all files",
        "SchedulerType=sched/foo|Couldn't find the specified plugin name for sched/foo looking at all files",
        "SelectType=select/foo|Can't find plugin for select/foo",
        "SwitchType=switch/foo|Can't find plugin for switch/foo"})
    void pluginsTheVersionDoesNotShipAreErrors(String line, String message) {
        SlurmConfException e = failure(HEAD + line + "\n");
        assertThat(e.rule()).startsWith(message + " (slurmctld 22.05 stops");
        assertThat(e.offendingText()).isEqualTo(line);
    }

    @Test
    void pluginErrorListsTheVersionsPluginsOfThatType() {
        assertThat(failure(HEAD + "AuthType=auth/slurm\n").rule()).endsWith("(slurmctld 22.05 stops: \"failed to "
                + "initialize authentication plugin\"; its auth plugins: auth/jwt, auth/munge, auth/none)");
    }

    @Test
    void pluginsTheVersionShipsPass() {
        SlurmConf conf = parse(HEAD + "AuthType=auth/munge\nAuthAltTypes=auth/jwt\nCredType=cred/munge\n"
                + "SelectType=select/cons_tres\nSchedulerType=sched/backfill\nSwitchType=switch/none\n");
        assertThat(conf.warnings()).isEmpty();
    }

    @Test
    void unknownReconfigFlagIsLoggedAndTheDaemonGoesOn() {
        SlurmConf conf = parse(HEAD + "ReconfigFlags=KeepPartInfo,KeepPowerSaveSettings\n");
        assertThat(conf.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).startsWith("Invalid ReconfigFlag: KeepPowerSaveSettings");
            assertThat(w.location()).isEqualTo(new SourceLocation(FILE, 3));
        });
        assertThat(parse(HEAD + "ReconfigFlags=keeppartstate\n").warnings()).isEmpty();
    }

    @Test
    void everyErrorOfTheFileIsReportedInOneParse() {
        SlurmConfException e = failure(HEAD + "CacheGroups=1\nNodeName=c[1-3] NodeAddr=a[1-2]\n"
                + "PartitionName=p Nodes=c[1-3] Default=YES\nResumeRate=-1\nAuthType=auth/slurm\n");
        assertThat(e.errors()).extracting(ConfError::location).extracting(SourceLocation::line)
                .containsExactly(3, 4, 6, 7);
        assertThat(e.errors()).extracting(ConfError::rule).anySatisfy(r -> assertThat(r).startsWith("NodeAddr count"))
                .anySatisfy(r -> assertThat(r).contains("less than zero"));
        assertThat(e.getMessage().lines()).hasSize(4);
    }

    @Test
    void errorsAndKeysOfAnIncludedFileCarryThatFileAndItsLine() throws IOException {
        Path included = dir.resolve("conf.d/extra.conf");
        Files.createDirectories(included.getParent());
        Files.writeString(included, "# extra\nCacheGroups=1\nAccountingStorageLoc=/x\n");
        Path main = dir.resolve("slurm.conf");
        Files.writeString(main, HEAD + "Include conf.d/extra.conf\nFooBar=2\n");
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> new SlurmConfParser().parse(main));
        assertThat(e.errors()).extracting(ConfError::location).containsExactly(new SourceLocation(included, 2),
                new SourceLocation(included, 3), new SourceLocation(main, 4));

        Files.writeString(included, "# extra\nSuspendTime=300\n");
        Files.writeString(main, HEAD + "Include conf.d/extra.conf\nResumeTimeout=600\n");
        SlurmConf conf = new SlurmConfParser().parse(main);
        assertThat(conf.parameterLocation("suspendtime")).contains(new SourceLocation(included, 2));
        assertThat(conf.parameterLocation("ResumeTimeout")).contains(new SourceLocation(main, 4));
        assertThat(conf.parameterLocation("SuspendRate")).isEmpty();
        assertThat(conf.files()).containsExactly(main, included);
    }
}
