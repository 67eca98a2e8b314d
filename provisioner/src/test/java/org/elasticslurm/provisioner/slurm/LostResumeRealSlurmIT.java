package org.elasticslurm.provisioner.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume lost while the service was down (the hook gave up, exit 4; slurmctld never runs it again): the real
 * slurmctld 22.05 shows the node POWERING_UP, the packaged service (sim backend, real scontrol) starts, finds
 * no operation for it, resumes it and tells slurmctld its address.
 */
@CpuCost(1) // the packaged service: a JVM start
@ExtendWith(RealSlurmAvailable.class)
class LostResumeRealSlurmIT {
    @TempDir
    Path dir;

    @Test
    void aNodeTheRealSlurmctldBootsWithoutAnOperationIsResumedWhenTheServiceStarts() throws Exception {
        try (RealSlurmctld slurmctld = new RealSlurmctld(Files.createDirectories(dir.resolve("slurm")))) {
            ScontrolController scontrol = slurmctld.controller();
            slurmctld.scontrol("update", "nodename=node2", "state=POWER_UP");
            await("node2 POWERING_UP in slurmctld").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        SlurmNodeState s = scontrol.nodeStates().get("node2");
                        return s != null && s.poweringUp();
                    });

            try (ServiceProcess service = new ServiceProcess(Files.createDirectories(dir.resolve("service")),
                    Files.readString(slurmctld.conf), List.of("node1", "node2"), Map.of(
                            "provisioner.slurm-conf", slurmctld.conf.toString(),
                            "provisioner.slurm.scontrol", "/usr/bin/scontrol",
                            "provisioner.sim.boot-delay", "1s",
                            "provisioner.address-poll-interval", "200ms"))) {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest node2 = HttpRequest.newBuilder(service.url().resolve("/v1/nodes/node2"))
                        .header("Authorization", "Bearer " + ServiceProcess.TOKEN).build();

                await("node2 READY in the service and its address in slurmctld").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            assertThat(http.send(node2, HttpResponse.BodyHandlers.ofString()).body())
                                    .contains("\"phase\":\"READY\"");
                            assertThat(scontrol.nodeStates().get("node2").address()).isEqualTo("127.0.0.1");
                        });
                assertThat(Files.readString(service.log)).contains("node2: Slurm waits for the node (")
                        .contains("POWERING_UP");
                assertThat(http.send(HttpRequest.newBuilder(service.url().resolve("/v1/nodes/node1"))
                        .header("Authorization", "Bearer " + ServiceProcess.TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("\"phase\":\"POWERED_DOWN\"");
            }
        }
    }
}
