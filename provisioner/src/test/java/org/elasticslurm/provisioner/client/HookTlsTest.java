package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.elasticslurm.provisioner.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook talks https only to a service whose certificate chains to its CA file and names its host. */
class HookTlsTest {
    private static final String TOKEN = "tok-9f3c1e7a5b2d";
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    @TempDir
    Path dir;
    HttpsServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServiceCertifiedByTheConfiguredCaIsAccepted() throws Exception {
        serve("good.pem", CannedService::accepted);

        assertThat(suspend("https://127.0.0.1:" + port(), pki.file("ca.pem"))).isEqualTo(0);

        assertThat(bodies).containsExactly("{\"nodes\":\"test1\"}");
        assertThat(log()).contains("slurm-suspend test1: accepted (1 operations)");
        assertTokenNowhere();
    }

    @Test
    void theHostNameLocalhostMatchesItsDnsName() throws Exception {
        serve("good.pem", CannedService::accepted);

        assertThat(suspend("https://localhost:" + port(), pki.file("ca.pem"))).isEqualTo(0);
    }

    @Test
    void aServiceCertifiedByAnotherCaIsRefusedWithExit5AndNoTokenSent() throws Exception {
        serve("good.pem", CannedService::accepted);

        assertThat(suspend("https://127.0.0.1:" + port(), pki.file("other-ca.pem"))).isEqualTo(5);

        assertThat(bodies).isEmpty();
        assertThat(log()).containsOnlyOnce("slurm-suspend test1: TLS verification of https://127.0.0.1:" + port()
                + " failed: the service's certificate is not signed by a CA of " + pki.file("other-ca.pem"));
        assertThat(err.toString()).contains("is not signed by a CA of " + pki.file("other-ca.pem"));
        assertTokenNowhere();
    }

    @Test
    void anExpiredServiceCertificateIsRefusedWithExit5() throws Exception {
        serve("expired.pem", CannedService::accepted);

        assertThat(suspend("https://127.0.0.1:" + port(), pki.file("ca.pem"))).isEqualTo(5);

        assertThat(bodies).isEmpty();
        assertThat(log()).containsOnlyOnce("failed: the service's certificate has expired");
        assertTokenNowhere();
    }

    @Test
    void aCertificateForAnotherHostIsRefusedWithExit5() throws Exception {
        serve("wrong-host.pem", CannedService::accepted);

        assertThat(suspend("https://127.0.0.1:" + port(), pki.file("ca.pem"))).isEqualTo(5);

        assertThat(bodies).isEmpty();
        assertThat(log()).containsOnlyOnce("failed: the service's certificate does not name the host 127.0.0.1 of url");
        assertTokenNowhere();
    }

    @Test
    void aTokenEchoedByTheServerIsNotWrittenToTheLogOrStderr() throws Exception {
        serve("good.pem", body -> new CannedService.Answer(401, "{\"error\":\"wrong token Bearer " + TOKEN + "\"}"));

        assertThat(suspend("https://127.0.0.1:" + port(), pki.file("ca.pem"))).isEqualTo(3);

        assertThat(log()).contains("authentication failed").contains("wrong token Bearer [token]");
        assertTokenNowhere();
    }

    @Test
    void plainHttpToANonLoopbackAddressIsAConfigurationError() throws Exception {
        assertThat(suspend("http://192.0.2.7:8080", null)).isEqualTo(64);

        assertThat(err.toString()).contains("url: plain http:// is allowed only to a loopback address"
                + " (127.0.0.0/8, localhost, ::1), not to 192.0.2.7");
        assertTokenNowhere();
    }

    @Test
    void plainHttpIsAllowedToEveryLoopbackForm() throws Exception {
        for (String url : List.of("http://127.0.0.1:8080", "http://127.3.2.1", "http://localhost:8080", "http://[::1]:8080")) {
            Path conf = dir.resolve("loop.conf");
            Files.writeString(conf, "url=" + url + "\n");
            assertThat(ClientConfig.read(conf).ca()).as(url).isNull();
        }
        for (String url : List.of("http://127.0.0.1.example.org", "http://10.0.0.1", "http://128.0.0.1", "http://ctl")) {
            Path conf = dir.resolve("remote.conf");
            Files.writeString(conf, "url=" + url + "\n");
            assertThatThrownBy(() -> ClientConfig.read(conf)).as(url).hasMessageContaining("plain http:// is allowed only");
        }
    }

    @Test
    void httpsWithoutACaFileIsAConfigurationError() throws Exception {
        assertThat(suspend("https://127.0.0.1:1", null)).isEqualTo(64);

        assertThat(err.toString()).contains(": ca: required for an https:// url");
    }

    @Test
    void aCaFileThatIsNotPemIsAConfigurationErrorNamingIt() throws Exception {
        Path bad = dir.resolve("bad-ca.pem");
        Files.writeString(bad, "not a certificate\n");

        assertThat(suspend("https://127.0.0.1:1", bad)).isEqualTo(64);

        assertThat(err.toString()).contains("ca: " + bad + " holds no");
    }

    private void serve(String certificate, Function<String, CannedService.Answer> answer)
            throws IOException, GeneralSecurityException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext(certificate)));
        server.createContext("/v1/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            CannedService.Answer a = answer.apply(body);
            byte[] reply = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private int suspend(String url, Path ca) throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=" + url + "\ntoken-file=" + token + "\nlog-file=" + dir.resolve("hooks.log")
                + "\ndeadline=3000\n" + (ca != null ? "ca=" + ca + "\n" : ""));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        return HookMain.run(new String[] {"suspend", "test1"}, Map.of(ClientConfig.FILE_ENV, conf.toString()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String log() throws IOException {
        Path log = dir.resolve("hooks.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void assertTokenNowhere() throws IOException {
        assertThat(log()).doesNotContain(TOKEN);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }
}
