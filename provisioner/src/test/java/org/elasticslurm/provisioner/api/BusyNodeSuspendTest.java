package org.elasticslurm.provisioner.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ProvisionerTestResource.class)
class BusyNodeSuspendTest {
    @Inject
    ProvisionerConfig config;

    @Test
    void suspendOfANodeRunningAJobIsRefusedWith409AndAJsonBodyAndForcePassesIt() throws Exception {
        Path show = config.slurmConf().resolveSibling(config.slurmConf().getFileName() + ".show");
        Files.writeString(show, "NodeName=test7 Arch=x86_64 CoresPerSocket=1 CPUAlloc=1 CPUTot=1 NodeAddr=10.99.0.7"
                + " NodeHostName=test7 State=ALLOCATED+CLOUD ThreadsPerCore=1 Partitions=debug\n");
        try {
            ProvisionerResourceTest.authorized().body("{\"nodes\":\"test7\"}").post("/v1/suspend")
                    .then().statusCode(409).contentType(ContentType.JSON)
                    .body("error", containsString("node test7 is ALLOCATED+CLOUD in Slurm"));
            ProvisionerResourceTest.authorized().body("{\"nodes\":\"test7\",\"force\":true}").post("/v1/suspend")
                    .then().statusCode(202).body("operations[0].kind", equalTo("SUSPEND"));
        } finally {
            Files.deleteIfExists(show);
        }
    }
}
