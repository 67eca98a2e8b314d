package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook trusts only its own files and only the service's real answer. */
class HookTrustTest {
    @TempDir
    Path dir;
    CannedService service;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    int suspend(String hostlist) {
        return HookMain.run(new String[] {"suspend", hostlist}, Map.of(ClientConfig.FILE_ENV, service.conf.toString()),
                new PrintStream(err));
    }

    @Test
    void aClientConfWritableByOthersIsNotUsedAndTheTokenIsNotSent() throws IOException {
        service = new CannedService(dir, 2000, CannedService::accepted);
        Files.setPosixFilePermissions(service.conf, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(suspend("test1")).isEqualTo(64);

        assertThat(service.bodies).isEmpty();
        assertThat(err.toString()).contains("client configuration " + service.conf
                + " is writable by group or others (mode 0666); not used: make it writable by its owner only");
    }

    @Test
    void aTokenFileWritableByItsGroupIsNotUsed() throws IOException {
        service = new CannedService(dir, 2000, CannedService::accepted);
        Files.setPosixFilePermissions(service.token, PosixFilePermissions.fromString("rw-rw----"));

        assertThat(suspend("test1")).isEqualTo(64);

        assertThat(service.bodies).isEmpty();
        assertThat(err.toString()).contains("token-file " + service.token + " is writable by group or others (mode 0660)");
    }

    @Test
    void aClientConfOwnedBySomeoneElseIsNotUsed() throws IOException {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root"), "changing a file's owner needs root");
        service = new CannedService(dir, 2000, CannedService::accepted);
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(service.conf, nobody);

        assertThat(suspend("test1")).isEqualTo(64);

        assertThat(service.bodies).isEmpty();
        assertThat(err.toString()).contains("client configuration " + service.conf
                + " is owned by nobody; not used: it must be owned by root or by the user running the hook (root)");
    }

    @Test
    void anEmptyObjectAsReplyIsAFailureNotASuccess() throws IOException {
        service = new CannedService(dir, 300, body -> new CannedService.Answer(202, "{}"));

        assertThat(suspend("test1")).isEqualTo(4);

        assertThat(Files.readString(service.log)).contains("slurm-suspend test1: provisioner at ")
                .contains("HTTP 202 but not the provisioner's answer: the reply has no \"operations\" array");
    }

    @Test
    void aReplyWhoseOperationsAreForOtherNodesOrLackFieldsIsAFailure() throws IOException {
        service = new CannedService(dir, 300, body -> new CannedService.Answer(202,
                "{\"operations\":[{\"id\":\"a\",\"node\":\"test9\",\"kind\":\"SUSPEND\",\"status\":\"RUNNING\"}]}"));
        assertThat(suspend("test1")).isEqualTo(4);
        assertThat(Files.readString(service.log)).contains("the reply's operations are for test9, not one for each of test1");

        service.close();
        service = new CannedService(dir, 300, body -> new CannedService.Answer(200,
                "{\"operations\":[{\"id\":\"a\",\"node\":\"test1\",\"kind\":\"SUSPEND\"}]}"));
        assertThat(suspend("test1")).isEqualTo(4);
        assertThat(Files.readString(service.log)).contains("operations[0].status is missing or not a string");
    }

    @Test
    void theServicesAnswerWithOneOperationPerNodeIsAccepted() throws IOException {
        service = new CannedService(dir, 2000, CannedService::accepted);

        assertThat(suspend("test[1-2],test1")).isZero();

        assertThat(Files.readString(service.log)).contains("slurm-suspend test[1-2],test1: accepted (2 operations)");
    }

    @Test
    void jsonThatIsNotJsonIsNamedWithItsPosition() {
        assertThat(ServiceReply.problem("test1", "{\"operations\":[}")).isEqualTo(
                "the reply is not JSON at character 16: expected a value");
        assertThat(ServiceReply.problem("test1", "<html>")).isEqualTo("the reply is not JSON at character 1: expected a value");
    }
}
