package org.elasticslurm.conf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The global power-save keys of slurm.conf with slurmctld 22.05's defaults.
 *
 * @param suspendProgram SuspendProgram as written
 * @param resumeProgram ResumeProgram as written
 * @param resumeFailProgram ResumeFailProgram as written
 * @param suspendTime SuspendTime (default INFINITE)
 * @param suspendTimeout SuspendTimeout (default 30 s)
 * @param resumeTimeout ResumeTimeout (default 60 s)
 * @param suspendRate SuspendRate, nodes per minute (default 60; 0 = unlimited; INFINITE reads as 65535)
 * @param resumeRate ResumeRate, nodes per minute (default 300; 0 = unlimited)
 * @param suspendExcNodes SuspendExcNodes, in the 22.05 grammar ({@code list[:count],...}), nodes in node order;
 *                        with a count, an invalid value is dropped whole with the daemon's warning; without one,
 *                        unknown names are reported but the known nodes stay excluded, as in the daemon
 * @param suspendExcParts SuspendExcParts (unknown partitions dropped with {@code Invalid SuspendExcPart %s ignored})
 * @param batchStartTimeout BatchStartTimeout (default 10 s)
 * @param treeWidth TreeWidth (default 50 on 22.05, 16 on 24.11 and 26.05; 0 is replaced by the default with a warning)
 * @param returnToService ReturnToService (0, 1 or 2; default 0)
 * @param privateDataCloud PrivateData contains {@code cloud} (or {@code all})
 * @param debugFlagsPower DebugFlags contains {@code Power} (or {@code PowerSave})
 * @param slurmctldParameters the SlurmctldParameters options
 */
public record PowerSaveSettings(
        Optional<String> suspendProgram,
        Optional<String> resumeProgram,
        Optional<String> resumeFailProgram,
        TimeoutValue suspendTime,
        Duration suspendTimeout,
        Duration resumeTimeout,
        int suspendRate,
        int resumeRate,
        List<SuspendExclusion> suspendExcNodes,
        List<String> suspendExcParts,
        Duration batchStartTimeout,
        int treeWidth,
        int returnToService,
        boolean privateDataCloud,
        boolean debugFlagsPower,
        SlurmctldParameters slurmctldParameters) {

    public PowerSaveSettings {
        suspendExcNodes = List.copyOf(suspendExcNodes);
        suspendExcParts = List.copyOf(suspendExcParts);
    }
}
