package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys, removed keys, plugins and defaults per Slurm version. Each expectation is what the real daemon did with
 * the same line ({@code slurmctld -D} of Debian's 22.05.8, 24.11.5 and 26.05.5 on a minimal file; the lines are
 * in this module's README, "Keys by version").
 */
class VersionKeysTest {

    private static final Path FILE = Path.of("/etc/slurm-test/slurm.conf");
    private static final String HEAD = "ClusterName=lab\nSlurmctldHost=ctl(127.0.0.1)\n";

    private static SlurmConf parse(String version, String line) {
        return new SlurmConfParser(SlurmVersion.parse(version, "test")).parse(HEAD + line + "\n", FILE);
    }

    private static SlurmConfException refusal(String version, String line) {
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parse(version, line));
        assertThat(e).as("Slurm %s refuses %s", version, line).isNotNull();
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "22.05, SuspendExcStates=DOWN, 'a key of Slurm 24.11, 26.05'",
        "22.05, TLSType=tls/none, 'a key of Slurm 24.11, 26.05'",
        "24.11, SchedulerAuth=x, a key of Slurm 22.05",
        "26.05, SchedulerAuth=x, a key of Slurm 22.05",
        "24.11, SlurmctldPlugstack=x, a key of Slurm 22.05",
        "26.05, AccountingStorageLoc=/x, 'a key of Slurm 22.05, 24.11'",
        "24.11, MetricsType=metrics/x, a key of Slurm 26.05",
        "24.11, PrologTimeout=30, a key of Slurm 26.05"})
    void keyTheVersionDoesNotKnowStopsItAndTheErrorNamesTheVersionsThatKnowIt(String version, String line,
                                                                             String knownBy) {
        String key = line.substring(0, line.indexOf('='));
        assertThat(refusal(version, line).rule()).isEqualTo("Parsing error at unrecognized key: " + key
                + " (slurmctld " + version + " has no such key and stops: \"Unable to process configuration file\"; "
                + knownBy + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "24.11, SuspendExcStates=DOWN", "26.05, SuspendExcStates=DOWN",
        "24.11, PreemptParameters=reclaim_licenses", "26.05, PreemptParameters=reclaim_licenses",
        "24.11, MaxBatchRequeue=3", "24.11, TLSType=tls/none", "26.05, TLSParameters=x",
        "26.05, PrologTimeout=30", "26.05, MetricsType=metrics/openmetrics", "26.05, HealthCheckTimeout=20",
        "22.05, SchedulerAuth=x", "22.05, PowerParameters=x"})
    void keyTheVersionKnowsIsTaken(String version, String line) {
        assertThat(parse(version, line)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "24.11, CoreSpecPlugin=core_spec/none", "24.11, PowerParameters=x", "24.11, PowerPlugin=power/none",
        "24.11, ExtSensorsType=ext_sensors/none", "26.05, PowerParameters=x", "26.05, GetEnvTimeout=5",
        "26.05, AccountingStorageUser=slurm"})
    void defunctKeyIsLoggedAndTheDaemonGoesOn(String version, String line) {
        String key = line.substring(0, line.indexOf('='));
        assertThat(parse(version, line).warnings()).extracting(ConfWarning::message)
                .containsExactly("The option \"" + key + "\" is defunct, please remove it from slurm.conf.");
    }

    @ParameterizedTest
    @CsvSource({"22.05", "24.11"})
    void accountingStorageLocStopsTheVersionsThatStillReadIt(String version) {
        assertThat(refusal(version, "AccountingStorageLoc=/x").rule()).isEqualTo("The AccountingStorageLoc option"
                + " has been removed. It is safe to remove from your configuration. (slurmctld " + version
                + " stops)");
    }

    @ParameterizedTest
    @CsvSource({"24.11", "26.05"})
    void fastScheduleIsReadAsOn2205(String version) {
        assertThat(parse(version, "FastSchedule=1").warnings()).extracting(ConfWarning::message)
                .containsExactly("Ignoring obsolete FastSchedule=1 option. Please remove from your configuration.");
        assertThat(refusal(version, "FastSchedule=0").rule()).isEqualTo("The FastSchedule option has been removed."
                + " Please update your configuration. (slurmctld " + version + " stops)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "22.05|SelectType=select/cons_res|-",
        "24.11|SelectType=select/cons_res|Can't find plugin for select/cons_res (slurmctld 24.11 stops; its select"
                + " plugins: select/cons_tres, select/linear)",
        "26.05|SelectType=select/cons_res|cannot create select context for select/cons_res (slurmctld 26.05 stops:"
                + " \"failed to initialize node selection plugin\"; its select plugins: select/cons_tres,"
                + " select/linear)",
        "24.11|AuthType=auth/jwt|Couldn't find the specified plugin name for auth/jwt looking at all files"
                + " (slurmctld 24.11 stops: \"failed to initialize auth plugin\"; its auth plugins: auth/munge,"
                + " auth/none, auth/slurm)",
        "26.05|SchedulerType=sched/foo|cannot create sched context for sched/foo (slurmctld 26.05 stops:"
                + " \"Failed to initialize the various schedulers\"; its sched plugins: sched/backfill,"
                + " sched/builtin)",
        "24.11|SwitchType=switch/hpe_slingshot|Can't find plugin for switch/hpe_slingshot (slurmctld 24.11 stops;"
                + " its switch plugins: switch/none, switch/nvidia_imex)",
        "26.05|SwitchType=switch/none|-",
        "24.11|AuthType=auth/slurm|-"})
    void pluginsAreTheVersionsOwn(String version, String line, String refusal) {
        if (refusal.equals("-")) {
            assertThat(parse(version, line)).isNotNull();
        } else {
            assertThat(refusal(version, line).rule()).isEqualTo(refusal);
        }
    }

    @ParameterizedTest
    @CsvSource({"22.05, 50", "24.11, 16", "26.05, 16"})
    void treeWidthDefaultIsTheVersions(String version, int width) {
        assertThat(parse(version, "SuspendTime=60").powerSave().treeWidth()).isEqualTo(width);
        assertThat(parse(version, "TreeWidth=0").powerSave().treeWidth()).isEqualTo(width);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "26.05|SuspendExcStates=DOWN,bogus,DRAIN|Invalid SuspendExcState bogus",
        "26.05|SuspendExcStates=cloud,fail,perfctrs|Invalid SuspendExcState perfctrs",
        "26.05|SuspendExcStates=down,Drain,planned,reserved|-",
        "24.11|SuspendExcStates=DOWN,bogus|Invalid SuspendExcState bogus",
        "24.11|SuspendExcStates=perfctrs|Invalid SuspendExcState perfctrs",
        "24.11|SuspendExcStates=do,dr,not_resp,maint|-",
        "24.11|SuspendExcStates=d|-",
        "24.11|SuspendExcStates=co|Invalid SuspendExcState co",
        "24.11|SuspendExcStates=downs|Invalid SuspendExcState downs"})
    void suspendExcStatesTakesTheStatesAndPrefixesOf2411And2605(String version, String line, String logged) {
        var warnings = parse(version, line).warnings();
        if (logged.equals("-")) {
            assertThat(warnings).isEmpty();
        } else {
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w.message()).startsWith(logged
                    + " (slurmctld " + version + " knows CLOUD, DOWN, DRAIN, DYNAMIC_FUTURE, DYNAMIC_NORM, FAIL, INVALID_REG,"
                    + " MAINTENANCE, NOT_RESPONDING, PLANNED, RESERVED)"));
        }
    }
}
