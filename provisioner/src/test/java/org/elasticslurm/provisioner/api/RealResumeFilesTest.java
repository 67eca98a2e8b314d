package org.elasticslurm.provisioner.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the hooks post for the resume files real slurmctld daemons wrote (src/test/resources/resume-files), with
 * the recording's nodes node1..node3 renamed to the test cluster's test1..test3.
 */
@QuarkusTest
@QuarkusTestResource(ProvisionerTestResource.class)
class RealResumeFilesTest {

    static String recorded(String name) throws IOException {
        try (InputStream in = RealResumeFilesTest.class.getResourceAsStream("/resume-files/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll("\\bnode(?=[\\[0-9])", "test");
        }
    }

    static void poweredDown(String hostlist, String... nodes) {
        ProvisionerResourceTest.authorized().body("{\"nodes\":\"" + hostlist + "\"}").post("/v1/suspend")
                .then().statusCode(202);
        for (String node : nodes) {
            await(node + " POWERED_DOWN").atMost(Duration.ofSeconds(10))
                    .until(() -> ProvisionerResourceTest.phase(node).equals("POWERED_DOWN"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void theResumeFileOfEachVersionIsAcceptedWithItsJob(String version) throws IOException {
        poweredDown("test1", "test1");
        String body = "{\"nodes\":\"" + recorded("real-" + version + ".argv") + "\",\"resumeFile\":"
                + recorded("real-" + version + ".json") + "}";

        ProvisionerResourceTest.authorized().body(body).post("/v1/resume").then().statusCode(202)
                .body("operations", hasSize(1))
                .body("operations[0].node", equalTo("test1"))
                .body("operations[0].jobs", equalTo(List.of(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void theMultiJobResumeFileOfEachVersionIsAcceptedWithEveryNodesJob(String version) throws IOException {
        poweredDown("test[1-3]", "test1", "test2", "test3");
        String body = "{\"nodes\":\"" + recorded("real-" + version + "-multi.argv") + "\",\"resumeFile\":"
                + recorded("real-" + version + "-multi.json") + "}";

        ProvisionerResourceTest.authorized().body(body).post("/v1/resume").then().statusCode(202)
                .body("operations.node", equalTo(List.of("test1", "test2", "test3")))
                .body("operations.jobs", equalTo(List.of(List.of(1), List.of(2), List.of(2))));
    }

    @Test
    void aResumeFileThatIsNotUnderstoodStillResumesTheNodesOfTheHostlist() {
        poweredDown("test[7-8]", "test7", "test8");

        ProvisionerResourceTest.authorized()
                .body("{\"nodes\":\"test7\",\"resumeFile\":{\"jobs\":[{\"job_id\":9,\"hosts\":\"test7\"}]}}")
                .post("/v1/resume").then().statusCode(202)
                .body("operations[0].node", equalTo("test7"))
                .body("operations[0].jobs", nullValue());
        ProvisionerResourceTest.authorized().body("{\"nodes\":\"test8\",\"resumeFile\":\"not an object\"}")
                .post("/v1/resume").then().statusCode(202)
                .body("operations[0].node", equalTo("test8"));
    }
}
