package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad and hostile requests are refused with 4xx and a message naming the problem, and nothing changes. */
@QuarkusTest
@QuarkusTestResource(ProvisionerTestResource.class)
class HostileInputTest {
    @Inject
    ProvisionerConfig config;

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/v1/resume", "{\"nodes\":\"test[8-1]\"}", 400, "not a valid hostlist"),
                Arguments.of("/v1/resume", "{\"nodes\":\"test[1-\"}", 400, "not a valid hostlist"),
                Arguments.of("/v1/resume", "{\"nodes\":\"\"}", 400, "non-empty Slurm hostlist"),
                Arguments.of("/v1/resume", "{}", 400, "non-empty Slurm hostlist"),
                Arguments.of("/v1/resume", "{\"nodes\":\"test[0-99999999999]\"}", 400, "max-nodes-per-request"),
                Arguments.of("/v1/resume", "{\"nodes\":\"test1,login1\"}", 422, "\"login1\""),
                Arguments.of("/v1/suspend", "{\"nodes\":\"test1,nosuch[1-2]\"}", 422, "\"nosuch1\", \"nosuch2\""),
                Arguments.of("/v1/resume", "{\"nodes\":\"test1;reboot\"}", 422, "test1;reboot"),
                Arguments.of("/v1/resume", "{\"nodes\":\"$(reboot)\"}", 422, "$(reboot)"),
                Arguments.of("/v1/resume", "{\"nodes\":\"`id`,test1\"}", 422, "`id`"),
                Arguments.of("/v1/resume-fail", "{\"nodes\":\"../../etc/passwd\"}", 422, "../../etc/passwd"),
                Arguments.of("/v1/resume", "{\"nodes\":\"tëst1,节点[1-2]\"}", 422, "节点1"),
                Arguments.of("/v1/resume", "{\"nodes\":\"test1\\u0000\"}", 400, "control character U+0000"),
                Arguments.of("/v1/resume", "{\"nodes\":[\"test1\"]}", 400, "field nodes: expected a string"),
                Arguments.of("/v1/resume", "{\"nodes\":", 400, "request body is not valid JSON (line 1, column 10)"),
                Arguments.of("/v1/resume", "not json", 400, "request body is not valid JSON (line 1, column 1):"
                        + " Unrecognized token 'not'"),
                Arguments.of("/v1/suspend", "{\"nodes\":\"test1\",}", 400, "request body is not valid JSON"),
                Arguments.of("/v1/resume-fail", "[1,2]", 400, "request body: expected an object like {\"nodes\""),
                // a resume file, however bad, is advice and never refuses (RealResumeFilesTest); the hostlist is not
                Arguments.of("/v1/resume", "{\"nodes\":\"x[\",\"resumeFile\":{\"jobs\":[{\"job_id\":1,\"nodes\":\"x[\"}]}}",
                        400, "nodes: not a valid hostlist"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void aBadRequestIsRefusedAndChangesNothing(String path, String body, int status, String message) throws Exception {
        String before = nodes();
        long logLines = logLines();

        ProvisionerResourceTest.authorized().body(body).post(path).then().statusCode(status)
                .contentType(ContentType.JSON).body("error", containsString(message));

        assertThat(nodes()).isEqualTo(before);
        assertThat(logLines()).isEqualTo(logLines);
    }

    @ParameterizedTest
    @MethodSource("hugeBodies")
    void aHugeBodyIsRefusedBeforeItIsRead(String body) throws Exception {
        String before = nodes();
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN)
                .contentType(ContentType.JSON).body(body).post("/v1/resume").then().statusCode(413);
        assertThat(nodes()).isEqualTo(before);
    }

    static Stream<String> hugeBodies() {
        return Stream.of("{\"nodes\":\"" + "test1,".repeat(400_000) + "test1\"}",
                "{\"nodes\":\"test1\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}");
    }

    @ParameterizedTest
    @MethodSource("wrongMediaTypes")
    void aBodyThatIsNotJsonIsRefused(String contentType) {
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN)
                .contentType(contentType).body("nodes=test1").post("/v1/resume").then().statusCode(415);
    }

    static List<String> wrongMediaTypes() {
        return List.of("text/plain", "application/x-www-form-urlencoded");
    }

    private static String nodes() {
        return ProvisionerResourceTest.authorized().get("/v1/nodes").then().statusCode(200).extract().asString();
    }

    private long logLines() throws Exception {
        return Files.exists(config.operationLog()) ? Files.readAllLines(config.operationLog()).size() : 0;
    }
}
