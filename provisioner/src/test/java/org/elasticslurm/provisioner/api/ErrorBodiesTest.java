package org.elasticslurm.provisioner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.junit.jupiter.api.Test;

/** Every refusal of /v1 carries the documented JSON body {"error": "..."}. */
@QuarkusTest
@QuarkusTestResource(ProvisionerTestResource.class)
class ErrorBodiesTest {

    @Test
    void aMethodThatIsNotAllowedIs405WithAJsonBodyNamingTheAllowedOnes() {
        ProvisionerResourceTest.authorized().get("/v1/resume").then().statusCode(405)
                .contentType(ContentType.JSON)
                .header("Allow", containsString("POST"))
                .body("error", startsWith("method GET is not allowed on /v1/resume"))
                .body("error", containsString("POST"));
    }

    @Test
    void anUnknownPathIs404WithAJsonBody() {
        ProvisionerResourceTest.authorized().get("/v1/no-such-thing").then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", startsWith("no such resource: GET /v1/no-such-thing"));
    }

    @Test
    void aBodyThatIsNotJsonIs415WithAJsonBody() {
        given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN).contentType(ContentType.TEXT)
                .body("test1").post("/v1/resume").then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", containsString("application/json"));
    }

    @Test
    void aBodyOverTheLimitIs413WithAJsonBody() {
        String big = "{\"nodes\":\"test1\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        ProvisionerResourceTest.authorized().body(big).post("/v1/resume").then().statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", containsString("at most 1048576 bytes"));
    }

    @Test
    void anAnswerTypeThatIsNotJsonIs406WithAJsonBody() {
        given().header("Authorization", "Bearer " + ProvisionerTestResource.TOKEN).accept(ContentType.XML)
                .get("/v1/nodes").then().statusCode(406)
                .contentType(ContentType.JSON)
                .body("error", containsString("application/json"));
    }

    @Test
    void aRequestLineOverTheLimitIs414WithAJsonBody() {
        ProvisionerResourceTest.authorized().get("/v1/nodes/" + "x".repeat(5000)).then().statusCode(414)
                .contentType(ContentType.JSON)
                .body("error", startsWith("request line too long: "))
                .body("error", containsString("at most 4096"));
    }

    @Test
    void headersOverTheLimitAre431WithAJsonBody() {
        ProvisionerResourceTest.authorized().header("X-Padding", "y".repeat(21_000)).get("/v1/nodes").then()
                .statusCode(431)
                .contentType(ContentType.JSON)
                .body("error", startsWith("request headers too large: "))
                .body("error", containsString("at most 20480"));
    }
}
