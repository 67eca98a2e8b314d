package org.elasticslurm.conf;

import static org.elasticslurm.conf.ConfValues.Type.STRING;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.elasticslurm.conf.KnownKeys.Key;

/**
 * Slurm 24.11's top-level slurm.conf keys as what changed since 22.05, each checked against Debian's slurmctld
 * 24.11.5 ({@code slurmctld -D} on a file holding every key of 22.05's table and of 24.11's and 26.05's manual;
 * the lines it logged are in this module's README). The values of the added keys are taken as text.
 */
final class TopLevelKeys2411 {

    /** Keys 22.05 does not know and 24.11 takes. */
    static final List<Key> ADDED = List.of(
            new Key("CertmgrParameters", STRING),
            new Key("CertmgrType", STRING),
            new Key("HashPlugin", STRING),
            new Key("MaxBatchRequeue", STRING),
            new Key("PreemptParameters", STRING),
            new Key("SuspendExcStates", STRING),
            new Key("TLSParameters", STRING),
            new Key("TLSType", STRING));

    /** Keys of 22.05 that 24.11 no longer knows: "Parsing error at unrecognized key", it stops. */
    static final Set<String> DROPPED = Set.of("SchedulerAuth", "SlurmctldPlugstack");

    /** Keys 24.11 reads only to log "The option "KEY" is defunct, please remove it from slurm.conf." and go on. */
    static final List<String> DEFUNCT = List.of("CoreSpecPlugin", "ExtSensorsFreq", "ExtSensorsType",
            "JobCredentialPrivateKey", "JobCredentialPublicCertificate", "PowerParameters", "PowerPlugin");

    private static final String STOPS_AUTH = "failed to initialize auth plugin";

    static final TopLevelKeys KEYS = TopLevelKeys2205.KEYS.next(SlurmVersion.V24_11, ADDED, DROPPED,
            removed(DEFUNCT, true),
            List.of(
                    new TopLevelKeys.Plugins("AuthType", "auth", false, TopLevelKeys2205.NOT_FOUND, STOPS_AUTH,
                            List.of("munge", "none", "slurm")),
                    new TopLevelKeys.Plugins("AuthAltTypes", "auth", true, TopLevelKeys2205.NOT_FOUND, STOPS_AUTH,
                            List.of("munge", "none", "slurm")),
                    new TopLevelKeys.Plugins("CredType", "cred", false, TopLevelKeys2205.NOT_FOUND,
                            "failed to initialize cred plugin", List.of("munge", "none")),
                    new TopLevelKeys.Plugins("SchedulerType", "sched", false, TopLevelKeys2205.NOT_FOUND,
                            "Failed to initialize the various schedulers", List.of("backfill", "builtin")),
                    new TopLevelKeys.Plugins("SelectType", "select", false, TopLevelKeys2205.CANT_FIND, "",
                            List.of("cons_tres", "linear")),
                    new TopLevelKeys.Plugins("SwitchType", "switch", false, TopLevelKeys2205.CANT_FIND, "",
                            List.of("none", "nvidia_imex"))),
            Map.of("SuspendExcStates", new TopLevelKeys.Flags(SuspendExcStates.INVALID, SuspendExcStates.STATES,
                    SuspendExcStates::accepts)),
            new TopLevelKeys.Defaults(16));

    private TopLevelKeys2411() {
    }

    /**
     * The removed keys of 24.11 and later: 22.05's that still stop the daemon with its message (AccountingStorageLoc
     * only when {@code withStorageLoc}: 26.05 no longer knows it), and the defunct ones it logs and ignores.
     */
    static Map<String, Function<String, Optional<TopLevelKeys.Verdict>>> removed(List<String> defunct,
                                                                               boolean withStorageLoc) {
        Map<String, Function<String, Optional<TopLevelKeys.Verdict>>> m = new HashMap<>();
        if (withStorageLoc) {
            m.put("accountingstorageloc", value -> Optional.of(TopLevelKeys.Verdict.fatal("The AccountingStorageLoc"
                    + " option has been removed. It is safe to remove from your configuration.")));
        }
        m.put("accountingstorejobcomment", value -> Optional.of(TopLevelKeys.Verdict.fatal("The"
                + " AccountingStoreJobComment option has been removed, please use"
                + " AccountingStoreFlags=job_comment option instead.")));
        m.put("sallocdefaultcommand", value -> Optional.of(TopLevelKeys.Verdict.fatal("SallocDefaultCommand"
                + " has been removed. Please consider setting LaunchParameters=use_interactive_step instead.")));
        m.put("fastschedule", TopLevelKeys2205::fastSchedule);
        for (String key : defunct) {
            m.put(KnownKeys.lower(key), value -> Optional.of(TopLevelKeys.Verdict.ignored(
                    "The option \"" + key + "\" is defunct, please remove it from slurm.conf.")));
        }
        return m;
    }
}
