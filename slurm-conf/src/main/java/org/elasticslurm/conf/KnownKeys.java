package org.elasticslurm.conf;

import static org.elasticslurm.conf.ConfValues.Type.BOOLEAN;
import static org.elasticslurm.conf.ConfValues.Type.STRING;
import static org.elasticslurm.conf.ConfValues.Type.UINT16;
import static org.elasticslurm.conf.ConfValues.Type.UINT32;
import static org.elasticslurm.conf.ConfValues.Type.UINT64;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

        Optional<Key> find(String key) {
            return Optional.ofNullable(byLowerName.get(lower(key)));
        }
    }

    /** The plain {@code Key=Value} keys of slurm.conf (the line keys such as NodeName are not among them). */
    static final Table GLOBAL = new Table(
            new Key("AccountingStorageBackupHost", STRING),
            new Key("AccountingStorageEnforce", STRING),
            new Key("AccountingStorageExternalHost", STRING),
            new Key("AccountingStorageHost", STRING),
            new Key("AccountingStorageLoc", STRING),
            new Key("AccountingStorageParameters", STRING),
            new Key("AccountingStoragePass", STRING),
            new Key("AccountingStoragePort", UINT16),
            new Key("AccountingStorageTRES", STRING),
            new Key("AccountingStorageType", STRING),
            new Key("AccountingStorageUser", STRING),
            new Key("AccountingStoreFlags", STRING),
            new Key("AccountingStoreJobComment", BOOLEAN),
            new Key("AcctGatherEnergyType", STRING),
            new Key("AcctGatherFilesystemType", STRING),
            new Key("AcctGatherInfinibandType", STRING),
            new Key("AcctGatherInterconnectType", STRING),
            new Key("AcctGatherNodeFreq", UINT16),
            new Key("AcctGatherProfileType", STRING),
            new Key("AllowSpecResourcesUsage", BOOLEAN),
            new Key("AuthAltParameters", STRING),
            new Key("AuthAltTypes", STRING),
            new Key("AuthInfo", STRING),
            new Key("AuthType", STRING),
            new Key("BackupAddr", STRING),
            new Key("BackupController", STRING),
            new Key("BatchStartTimeout", UINT16),
            new Key("BcastExclude", STRING),
            new Key("BcastParameters", STRING),
            new Key("BurstBufferParameters", STRING),
            new Key("BurstBufferType", STRING),
            new Key("CliFilterPlugins", STRING),
            new Key("ClusterName", STRING),
            new Key("CommunicationParameters", STRING),
            new Key("CompleteWait", UINT16),
            new Key("ControlAddr", STRING),
            new Key("ControlMachine", STRING),
            new Key("CoreSpecPlugin", STRING),
            new Key("CpuFreqDef", STRING),
            new Key("CpuFreqGovernors", STRING),
            new Key("CredType", STRING),
            new Key("CryptoType", STRING),
            new Key("DebugFlags", STRING),
            new Key("DefCPUPerGPU", UINT64),
            new Key("DefMemPerCPU", UINT64),
            new Key("DefMemPerGPU", UINT64),
            new Key("DefMemPerNode", UINT64),
            new Key("DependencyParameters", STRING),
            new Key("DisableRootJobs", BOOLEAN),
            new Key("EioTimeout", UINT16),
            new Key("EnforcePartLimits", STRING),
            new Key("Epilog", STRING),
            new Key("EpilogMsgTime", UINT32),
            new Key("EpilogSlurmctld", STRING),
            new Key("ExtSensorsFreq", UINT16),
            new Key("ExtSensorsType", STRING),
            new Key("FairShareDampeningFactor", UINT16),
            new Key("FastSchedule", UINT16),
            new Key("FederationParameters", STRING),
            new Key("FirstJobId", UINT32),
            new Key("GetEnvTimeout", UINT16),
            new Key("GpuFreqDef", STRING),
            new Key("GresTypes", STRING),
            new Key("GroupUpdateForce", UINT16),
            new Key("GroupUpdateTime", UINT16),
            new Key("HealthCheckInterval", UINT16),
            new Key("HealthCheckNodeState", STRING),
            new Key("HealthCheckProgram", STRING),
            new Key("InactiveLimit", UINT16),
            new Key("InteractiveStepOptions", STRING),
            new Key("JobAcctGatherFrequency", STRING),
            new Key("JobAcctGatherParams", STRING),
            new Key("JobAcctGatherType", STRING),
            new Key("JobCompHost", STRING),
            new Key("JobCompLoc", STRING),
            new Key("JobCompParams", STRING),
            new Key("JobCompPass", STRING),
            new Key("JobCompPort", UINT32),
            new Key("JobCompType", STRING),
            new Key("JobCompUser", STRING),
            new Key("JobContainerType", STRING),
            new Key("JobCredentialPrivateKey", STRING),
            new Key("JobCredentialPublicCertificate", STRING),
            new Key("JobFileAppend", UINT16),
            new Key("JobRequeue", UINT16),
            new Key("JobSubmitPlugins", STRING),
            new Key("KeepAliveTime", UINT32),
            new Key("KillOnBadExit", UINT16),
            new Key("KillWait", UINT16),
            new Key("LaunchParameters", STRING),
            new Key("LaunchType", STRING),
            new Key("Licenses", STRING),
            new Key("LogTimeFormat", STRING),
            new Key("MailDomain", STRING),
            new Key("MailProg", STRING),
            new Key("MaxArraySize", UINT32),
            new Key("MaxDBDMsgs", UINT32),
            new Key("MaxJobCount", UINT32),
            new Key("MaxJobId", UINT32),
            new Key("MaxMemPerCPU", UINT64),
            new Key("MaxMemPerNode", UINT64),
            new Key("MaxNodeCount", UINT32),
            new Key("MaxStepCount", UINT32),
            new Key("MaxTasksPerNode", UINT16),
            new Key("MCSParameters", STRING),
            new Key("MCSPlugin", STRING),
            new Key("MessageTimeout", UINT16),
            new Key("MinJobAge", UINT32),
            new Key("MpiDefault", STRING),
            new Key("MpiParams", STRING),
            new Key("NodeFeaturesPlugins", STRING),
            new Key("OverTimeLimit", UINT16),
            new Key("PluginDir", STRING),
            new Key("PlugStackConfig", STRING),
            new Key("PowerParameters", STRING),
            new Key("PowerPlugin", STRING),
            new Key("PreemptExemptTime", STRING),
            new Key("PreemptMode", STRING),
            new Key("PreemptType", STRING),
            new Key("PrEpParameters", STRING),
            new Key("PrEpPlugins", STRING),
            new Key("PriorityCalcPeriod", STRING),
            new Key("PriorityDecayHalfLife", STRING),
            new Key("PriorityFavorSmall", BOOLEAN),
            new Key("PriorityFlags", STRING),
            new Key("PriorityMaxAge", STRING),
            new Key("PriorityParameters", STRING),
            new Key("PrioritySiteFactorParameters", STRING),
            new Key("PrioritySiteFactorPlugin", STRING),
            new Key("PriorityType", STRING),
            new Key("PriorityUsageResetPeriod", STRING),
            new Key("PriorityWeightAge", UINT32),
            new Key("PriorityWeightAssoc", UINT32),
            new Key("PriorityWeightFairshare", UINT32),
            new Key("PriorityWeightJobSize", UINT32),
            new Key("PriorityWeightPartition", UINT32),
            new Key("PriorityWeightQOS", UINT32),
            new Key("PriorityWeightTRES", STRING),
            new Key("PrivateData", STRING),
            new Key("ProctrackType", STRING),
            new Key("Prolog", STRING),
            new Key("PrologEpilogTimeout", UINT16),
            new Key("PrologFlags", STRING),
            new Key("PrologSlurmctld", STRING),
            new Key("PropagatePrioProcess", UINT16),
            new Key("PropagateResourceLimits", STRING),
            new Key("PropagateResourceLimitsExcept", STRING),
            new Key("RebootProgram", STRING),
            new Key("ReconfigFlags", STRING),
            new Key("RequeueExit", STRING),
            new Key("RequeueExitHold", STRING),
            new Key("ResumeFailProgram", STRING),
            new Key("ResumeProgram", STRING),
            new Key("ResumeRate", UINT16),
            new Key("ResumeTimeout", UINT16),
            new Key("ResvEpilog", STRING),
            new Key("ResvOverRun", UINT16),
            new Key("ResvProlog", STRING),
            new Key("ReturnToService", UINT16),
            new Key("RoutePlugin", STRING),
            new Key("SallocDefaultCommand", STRING),
            new Key("SbcastParameters", STRING),
            new Key("SchedulerAuth", STRING),
            new Key("SchedulerParameters", STRING),
            new Key("SchedulerTimeSlice", UINT16),
            new Key("SchedulerType", STRING),
            new Key("ScronParameters", STRING),
            new Key("SelectType", STRING),
            new Key("SelectTypeParameters", STRING),
            new Key("SlurmctldAddr", STRING),
            new Key("SlurmctldDebug", STRING),
            new Key("SlurmctldLogFile", STRING),
            new Key("SlurmctldParameters", STRING),
            new Key("SlurmctldPidFile", STRING),
            new Key("SlurmctldPlugstack", STRING),
            new Key("SlurmctldPort", STRING),
            new Key("SlurmctldPrimaryOffProg", STRING),
            new Key("SlurmctldPrimaryOnProg", STRING),
            new Key("SlurmctldSyslogDebug", STRING),
            new Key("SlurmctldTimeout", UINT16),
            new Key("SlurmdDebug", STRING),
            new Key("SlurmdLogFile", STRING),
            new Key("SlurmdParameters", STRING),
            new Key("SlurmdPidFile", STRING),
            new Key("SlurmdPort", UINT32),
            new Key("SlurmdSpoolDir", STRING),
            new Key("SlurmdSyslogDebug", STRING),
            new Key("SlurmdTimeout", UINT16),
            new Key("SlurmdUser", STRING),
            new Key("SlurmSchedLogFile", STRING),
            new Key("SlurmSchedLogLevel", UINT16),
            new Key("SlurmUser", STRING),
            new Key("SrunEpilog", STRING),
            new Key("SrunPortRange", STRING),
            new Key("SrunProlog", STRING),
            new Key("StateSaveLocation", STRING),
            new Key("SuspendExcNodes", STRING),
            new Key("SuspendExcParts", STRING),
            new Key("SuspendProgram", STRING),
            new Key("SuspendRate", UINT16),
            new Key("SuspendTime", STRING),
            new Key("SuspendTimeout", UINT16),
            new Key("SwitchParameters", STRING),
            new Key("SwitchType", STRING),
            new Key("TaskEpilog", STRING),
            new Key("TaskPlugin", STRING),
            new Key("TaskPluginParam", STRING),
            new Key("TaskProlog", STRING),
            new Key("TCPTimeout", UINT16),
            new Key("TmpFS", STRING),
            new Key("TopologyParam", STRING),
            new Key("TopologyPlugin", STRING),
            new Key("TrackWCKey", BOOLEAN),
            new Key("TreeWidth", UINT16),
            new Key("UnkillableStepProgram", STRING),
            new Key("UnkillableStepTimeout", UINT16),
            new Key("UsePAM", BOOLEAN),
            new Key("VSizeFactor", UINT16),
            new Key("WaitTime", UINT16),
            new Key("X11Parameters", STRING)
    );

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
