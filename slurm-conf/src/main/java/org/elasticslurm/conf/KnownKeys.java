package org.elasticslurm.conf;

import static org.elasticslurm.conf.ConfValues.Type.BOOLEAN;
import static org.elasticslurm.conf.ConfValues.Type.STRING;
import static org.elasticslurm.conf.ConfValues.Type.UINT16;
import static org.elasticslurm.conf.ConfValues.Type.UINT32;
import static org.elasticslurm.conf.ConfValues.Type.UINT64;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys slurmctld 22.05 knows (read_config.c {@code slurm_conf_options} and the option tables of the
 * NodeName, PartitionName, NodeSet and DownNodes lines), with their value types. Keys match without regard
 * to case.
 */
final class KnownKeys {

    /** A known key: its spelling in Slurm's tables and the type of its value. */
    record Key(String name, ConfValues.Type type) {
    }

    /** A table of keys, looked up without regard to case. */
    static final class Table {
        private final Map<String, Key> byLowerName;

        private Table(Key... keys) {
            Map<String, Key> map = new LinkedHashMap<>();
            for (Key key : keys) {
                map.put(lower(key.name()), key);
            }
            this.byLowerName = Map.copyOf(map);
        }

        /** A table of the given keys. */
        static Table of(Key... keys) {
            return new Table(keys);
        }

        Optional<Key> find(String key) {
            return Optional.ofNullable(byLowerName.get(lower(key)));
        }

        /** This table with keys added and keys (by name, any case) taken out: a later version's table. */
        Table with(List<Key> added, Set<String> dropped) {
            Set<String> out = dropped.stream().map(KnownKeys::lower).collect(Collectors.toSet());
            Key[] keys = Stream.concat(byLowerName.values().stream().filter(k -> !out.contains(lower(k.name()))),
                    added.stream()).toArray(Key[]::new);
            return new Table(keys);
        }
    }

    /** Options of a {@code NodeName=} line. */
    static final Table NODE = new Table(
            new Key("BcastAddr", STRING),
            new Key("Boards", UINT16),
            new Key("CoreSpecCount", UINT16),
            new Key("CoresPerSocket", UINT16),
            new Key("CPUs", UINT16),
            new Key("CPUSpecList", STRING),
            new Key("CpuBind", STRING),
            new Key("Feature", STRING),
            new Key("Features", STRING),
            new Key("Gres", STRING),
            new Key("MemSpecLimit", UINT64),
            new Key("NodeAddr", STRING),
            new Key("NodeHostname", STRING),
            new Key("Port", STRING),
            new Key("Procs", UINT16),
            new Key("RealMemory", UINT64),
            new Key("Reason", STRING),
            new Key("Sockets", UINT16),
            new Key("SocketsPerBoard", UINT16),
            new Key("State", STRING),
            new Key("ThreadsPerCore", UINT16),
            new Key("TmpDisk", UINT32),
            new Key("TRESWeights", STRING),
            new Key("Weight", UINT32));

    /** Options of a {@code PartitionName=} line. */
    static final Table PARTITION = new Table(
            new Key("AllocNodes", STRING),
            new Key("AllowAccounts", STRING),
            new Key("AllowGroups", STRING),
            new Key("AllowQos", STRING),
            new Key("Alternate", STRING),
            new Key("CpuBind", STRING),
            new Key("DefCPUPerGPU", UINT64),
            new Key("DefMemPerCPU", UINT64),
            new Key("DefMemPerGPU", UINT64),
            new Key("DefMemPerNode", UINT64),
            new Key("Default", BOOLEAN),
            new Key("DefaultTime", STRING),
            new Key("DenyAccounts", STRING),
            new Key("DenyQos", STRING),
            new Key("DisableRootJobs", BOOLEAN),
            new Key("ExclusiveUser", BOOLEAN),
            new Key("GraceTime", UINT32),
            new Key("Hidden", BOOLEAN),
            new Key("LLN", BOOLEAN),
            new Key("MaxCPUsPerNode", UINT32),
            new Key("MaxMemPerCPU", UINT64),
            new Key("MaxMemPerNode", UINT64),
            new Key("MaxTime", STRING),
            new Key("MaxNodes", UINT32),
            new Key("MinNodes", UINT32),
            new Key("Nodes", STRING),
            new Key("OverSubscribe", STRING),
            new Key("OverTimeLimit", STRING),
            new Key("PreemptMode", STRING),
            new Key("Priority", UINT16),
            new Key("PriorityJobFactor", UINT16),
            new Key("PriorityTier", UINT16),
            new Key("QOS", STRING),
            new Key("RootOnly", BOOLEAN),
            new Key("ReqResv", BOOLEAN),
            new Key("ResumeTimeout", UINT16),
            new Key("SelectTypeParameters", STRING),
            new Key("Shared", STRING),
            new Key("State", STRING),
            new Key("SuspendTime", STRING),
            new Key("SuspendTimeout", UINT16),
            new Key("TRESBillingWeights", STRING));

    /** Options of a {@code NodeSet=} line. */
    static final Table NODESET = new Table(
            new Key("Feature", STRING),
            new Key("Nodes", STRING));

    /** Options of a {@code DownNodes=} line. */
    static final Table DOWNNODES = new Table(
            new Key("Reason", STRING),
            new Key("State", STRING));

    /** {@code SlurmctldHost=} takes no options. */
    static final Table NONE = new Table();

    private KnownKeys() {
    }

    static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
