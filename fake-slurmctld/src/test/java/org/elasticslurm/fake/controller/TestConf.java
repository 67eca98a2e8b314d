package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** slurm.conf texts for the virtual-time tests, like the lab's: power saving on, hooks under $LAB/hooks. */
final class TestConf {

    private TestConf() {
    }

    /** The lab's header plus the given lines (later lines of the same key win, as in slurm.conf). */
    static String lab(String... lines) {
        List<String> all = new ArrayList<>(List.of(
                "ClusterName=lab",
                "SlurmctldHost=$HOST(127.0.0.1)",
                "SlurmUser=root",
                "SlurmctldDebug=debug",
                "DebugFlags=Power",
                "ReturnToService=2",
                "SuspendProgram=$LAB/hooks/suspend",
                "ResumeProgram=$LAB/hooks/resume",
                "ResumeFailProgram=$LAB/hooks/resumefail",
                "TreeWidth=300",
                "SuspendTime=15",
                "SuspendTimeout=5",
                "ResumeTimeout=30"));
        all.addAll(Arrays.asList(lines));
        return String.join("\n", all) + "\n";
    }

    /**
     * {@link #lab} with the given lines, then the CLOUD nodes {@code nodes} (one CPU each) and the default partition
     * {@code debug} of them.
     */
    static String cloud(String nodes, String... lines) {
        String[] all = Arrays.copyOf(lines, lines.length + 2);
        all[lines.length] = "NodeName=" + nodes + " State=CLOUD CPUs=1";
        all[lines.length + 1] = "PartitionName=debug Nodes=" + nodes + " Default=YES MaxTime=INFINITE State=UP";
        return lab(all);
    }
}
