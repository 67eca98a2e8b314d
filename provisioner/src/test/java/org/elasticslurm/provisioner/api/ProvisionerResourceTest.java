package org.elasticslurm.provisioner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ProvisionerTestResource.class)
class ProvisionerResourceTest {
    @Inject
    ProvisionerConfig config;

    static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN).contentType(ContentType.JSON);
    }

    static String phase(String node) {
        return authorized().get("/v1/nodes/" + node).then().statusCode(200).extract().path("phase");
    }

    @Test
    void resumeAnswersAtOnceWithOneOperationPerNodeAndTheNodesBecomeReady() {
        List<String> ids = authorized().body("{\"nodes\":\"test[1-2]\"}").post("/v1/resume")
                .then().statusCode(202)
                .body("operations", hasSize(2))
                .body("operations[0].node", equalTo("test1"))
                .body("operations[1].node", equalTo("test2"))
                .body("operations[0].kind", equalTo("RESUME"))
                .extract().path("operations.id");

        await("test1 and test2 READY").atMost(Duration.ofSeconds(10))
                .until(() -> phase("test1").equals("READY") && phase("test2").equals("READY"));
        authorized().get("/v1/nodes/test1").then()
                .body("address", notNullValue())
                .body("backendId", equalTo("sim-test1"))
                .body("operationId", equalTo(ids.get(0)));
        authorized().get("/v1/operations/" + ids.get(1)).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("node", equalTo("test2"));
        List<String> again = authorized().body("{\"nodes\":\"test[1-2]\"}").post("/v1/resume")
                .then().statusCode(202).extract().path("operations.id");
        assertThat(again).isEqualTo(ids);
    }

    @Test
    void theResumeFileJobsAreKeptWithTheOperations() {
        String body = "{\"nodes\":\"test3\",\"resumeFile\":{\"jobs\":[{\"job_id\":41,\"nodes\":\"test3\"},"
                + "{\"job_id\":42,\"nodes\":\"test[3-4]\"}],\"all_nodes\":\"test3\"}}";
        authorized().body(body).post("/v1/resume").then().statusCode(202)
                .body("operations[0].jobs", equalTo(List.of(41, 42)));
    }

    @Test
    void suspendReleasesTheMachineAndResumeFailLeavesTheNodeFailed() {
        authorized().body("{\"nodes\":\"test5,test6\"}").post("/v1/resume").then().statusCode(202);
        await("test5 READY").atMost(Duration.ofSeconds(10)).until(() -> phase("test5").equals("READY"));

        authorized().body("{\"nodes\":\"test5\"}").post("/v1/suspend").then().statusCode(202)
                .body("operations[0].kind", equalTo("SUSPEND"));
        authorized().body("{\"nodes\":\"test6\"}").post("/v1/resume-fail").then().statusCode(202)
                .body("operations[0].kind", equalTo("RESUME_FAIL"));

        await("test5 POWERED_DOWN").atMost(Duration.ofSeconds(10)).until(() -> phase("test5").equals("POWERED_DOWN"));
        await("test6 FAILED").atMost(Duration.ofSeconds(10)).until(() -> phase("test6").equals("FAILED"));
        authorized().get("/v1/nodes/test6").then().body("lastError", containsString("ResumeTimeout"));
    }

    @Test
    void everyV1CallNeedsTheBearerToken() {
        given().contentType(ContentType.JSON).body("{\"nodes\":\"test7\"}").post("/v1/resume").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get("/v1/nodes").then().statusCode(401);
        given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN + "x").get("/v1/nodes")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + ProvisionerTestResource.TOKEN).get("/v1/nodes").then().statusCode(401);
        given().get("/v1/operations/whatever").then().statusCode(401);
        authorized().get("/v1/nodes/test7").then().statusCode(200).body("phase", equalTo("POWERED_DOWN"));
    }

    @Test
    void unknownNodesAndOperationsAreNotFound() {
        authorized().get("/v1/nodes/login1").then().statusCode(404)
                .body("error", equalTo("node login1 is not a CLOUD node of a pool"));
        authorized().get("/v1/operations/nope").then().statusCode(404).body("error", equalTo("no operation nope"));
    }

    @Test
    void healthMetricsAndOpenApiAreServedWithoutToken() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("backend", "slurm"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/resume")).body(containsString("/v1/nodes/{name}"))
                .body(containsString("bearer"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("provisioner_nodes{phase=\"READY\""));
    }

    @Test
    void readinessGoesDownWhileTheControllerDoesNotAnswer() throws Exception {
        java.nio.file.Path down = config.slurmConf().resolveSibling("slurm.conf.down");
        Files.writeString(down, "");
        try {
            given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("Slurmctld(primary) at localhost is DOWN"));
        } finally {
            Files.delete(down);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
