package org.elasticslurm.conf;

import static org.elasticslurm.conf.ConfValues.Type.STRING;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.elasticslurm.conf.KnownKeys.Key;

/**
 * Slurm 26.05's top-level slurm.conf keys as what changed since 24.11, each checked against Debian's slurmctld
 * 26.05.5 as {@link TopLevelKeys2411} was. The values of the added keys are taken as text. The plugin loaders
 * of 26.05 log other lines than 24.11's ("cannot create auth context for auth/jwt", "failed to initialize auth
 * plugin"); SuspendExcStates is read as by 24.11 ({@link SuspendExcStates}).
 */
final class TopLevelKeys2605 {

    /** Keys 24.11 does not know and 26.05 takes. */
    static final List<Key> ADDED = List.of(
            new Key("CertgenParameters", STRING),
            new Key("CertgenType", STRING),
            new Key("CliFilterParameters", STRING),
            new Key("EpilogTimeout", STRING),
            new Key("HealthCheckTimeout", STRING),
            new Key("HttpParserType", STRING),
            new Key("JobCompPassScript", STRING),
            new Key("LicenseParameters", STRING),
            new Key("MetricsAuthUsers", STRING),
            new Key("MetricsParameters", STRING),
            new Key("MetricsType", STRING),
            new Key("NamespaceType", STRING),
            new Key("PrologTimeout", STRING),
            new Key("SlurmctldHttpAuthParameters", STRING),
            new Key("SlurmdHttpAuthParameters", STRING),
            new Key("UrlParserType", STRING));

    /** Keys of 24.11 that 26.05 no longer knows. */
    static final Set<String> DROPPED = Set.of("AccountingStorageLoc");

    private static final String CANNOT_CREATE = "cannot create %s context for %%s";

    static final TopLevelKeys KEYS = TopLevelKeys2411.KEYS.next(SlurmVersion.V26_05, ADDED, DROPPED,
            TopLevelKeys2411.removed(Stream.concat(TopLevelKeys2411.DEFUNCT.stream(),
                    Stream.of("AccountingStorageUser", "GetEnvTimeout")).sorted().toList(), false),
            List.of(
                    plugins("AuthType", "auth", false, "failed to initialize auth plugin", "munge", "none", "slurm"),
                    plugins("AuthAltTypes", "auth", true, "failed to initialize auth plugin", "munge", "none",
                            "slurm"),
                    plugins("CredType", "cred", false, "failed to initialize cred plugin", "munge", "none"),
                    plugins("SchedulerType", "sched", false, "Failed to initialize the various schedulers",
                            "backfill", "builtin"),
                    plugins("SelectType", "select", false, "failed to initialize node selection plugin",
                            "cons_tres", "linear"),
                    new TopLevelKeys.Plugins("SwitchType", "switch", false, TopLevelKeys2205.CANT_FIND, "",
                            List.of("none", "nvidia_imex"))),
            Map.of(), // SuspendExcStates as 24.11's
            new TopLevelKeys.Defaults(16));

    private TopLevelKeys2605() {
    }

    private static TopLevelKeys.Plugins plugins(String key, String type, boolean list, String stops,
                                                String... names) {
        return new TopLevelKeys.Plugins(key, type, list, String.format(CANNOT_CREATE, type), stops, List.of(names));
    }
}
