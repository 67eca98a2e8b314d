package org.elasticslurm.provisioner.testing;

import java.nio.file.Path;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;

/** slurm.conf texts for tests. */
public final class TestConf {
    private TestConf() {
    }

    /** Cloud nodes test[1-8], a normal node login1, partition cloud. */
    public static final String CLOUD8 = """
            ClusterName=lab
            SlurmctldHost=localhost(127.0.0.1)
            SuspendProgram=/usr/local/sbin/slurm-suspend
            ResumeProgram=/usr/local/sbin/slurm-resume
            SuspendTime=300
            NodeName=login1 CPUs=1 State=UNKNOWN
            NodeName=test[1-8] CPUs=1 State=CLOUD
            PartitionName=cloud Nodes=test[1-8] Default=YES MaxTime=INFINITE State=UP
            """;

    public static SlurmConf parse(String text) {
        return new SlurmConfParser().parse(text, Path.of("/etc/slurm/slurm.conf"));
    }
}
