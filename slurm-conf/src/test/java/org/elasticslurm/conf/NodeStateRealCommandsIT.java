package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.scontrol.ScontrolShow;
import org.elasticslurm.conf.scontrol.ShownNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-state vocabulary and the {@code scontrol show node} reader against the real slurmctld, scontrol and
 * sinfo 22.05: nodes are driven into several states by admin updates and a wake, and each state read from
 * {@code scontrol show node} renders as {@code sinfo} prints it ({@code %t} and {@code %T}).
 */
@ExtendWith(RealSlurmctld.class)
class NodeStateRealCommandsIT {

    @TempDir
    Path lab;

    @Test
    void statesReadFromScontrolRenderAsTheRealSinfoPrintsThem() throws Exception {
        Path hooks = Files.createDirectories(lab.resolve("hooks"));
        for (String hook : List.of("suspend", "resume")) {
            Path file = hooks.resolve(hook);
            Files.writeString(file, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path conf = lab.resolve("slurm.conf");
        Files.writeString(conf, RealSlurmctld.head(lab)
                + "SuspendProgram=" + hooks.resolve("suspend") + "\nResumeProgram=" + hooks.resolve("resume") + "\n"
                + "SuspendTime=300\nResumeTimeout=300\nPrivateData=cloud\n"
                + "NodeName=c[1-4] State=CLOUD CPUs=1 NodeAddr=127.0.0.1\n"
                + "NodeName=s1 CPUs=1 NodeAddr=127.0.0.1\n"
                + "PartitionName=debug Nodes=c[1-4],s1 Default=YES MaxTime=INFINITE State=UP\n");

        try (RealSlurmctld daemon = RealSlurmctld.start(lab, conf)) {
            daemon.client("scontrol", "update", "nodename=c2", "state=down", "reason=taken out by hand");
            daemon.client("scontrol", "update", "nodename=s1", "state=drain", "reason=two words");
            daemon.client("scontrol", "update", "nodename=c3", "state=power_up");
            daemon.client("scontrol", "update", "nodename=c4", "state=drain", "reason=x");

            await("c3 powering up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> shown(daemon).get("c3").state().toString().contains("POWERING_UP"));
            await("every state rendered as sinfo prints it").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        Map<String, ShownNode> nodes = shown(daemon);
                        Map<String, String> sinfo = sinfo(daemon);
                        assertThat(nodes.keySet()).containsExactlyInAnyOrder("c1", "c2", "c3", "c4", "s1");
                        assertThat(sinfo.values()).contains("idle#|idle#", "down~|down~", "drain~|drained~");
                        nodes.values().forEach(n -> assertThat(n.state().sinfoCompact() + "|" + n.state().sinfoLong())
                                .as("%s %s", n.name(), n.stateText()).isEqualTo(sinfo.get(n.name())));
                        assertThat(nodes.get("c2").reason()).hasValueSatisfying(r -> assertThat(r)
                                .startsWith("taken out by hand [root@"));
                    });
        }
    }

    private static Map<String, ShownNode> shown(RealSlurmctld daemon) throws Exception {
        Map<String, ShownNode> nodes = new LinkedHashMap<>();
        ScontrolShow.nodes(daemon.client("scontrol", "show", "node")).forEach(n -> nodes.put(n.name(), n));
        return nodes;
    }

    private static Map<String, String> sinfo(RealSlurmctld daemon) throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        daemon.client("sinfo", "-N", "-h", "-o", "%N|%t|%T").lines().map(l -> l.split("\\|", 2))
                .forEach(w -> states.put(w[0], w[1]));
        return states;
    }
}
