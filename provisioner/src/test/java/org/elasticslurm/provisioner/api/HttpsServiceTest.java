package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.elasticslurm.provisioner.client.HookMain;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;
import org.elasticslurm.provisioner.testing.TlsTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service serves HTTPS from the PEM files of provisioner.tls.*, and with them no plain HTTP. */
@QuarkusTest
@QuarkusTestResource(value = TlsTestResource.class, restrictToAnnotatedClass = true)
class HttpsServiceTest {
    @TempDir
    Path dir;

    @Test
    void theHookIsAcceptedOverHttpsWithTheServicesCa() throws Exception {
        Path conf = clientConf();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = HookMain.run(new String[] {"resume", "test1"},
                java.util.Map.of("ELASTIC_SLURM_CLIENT_CONF", conf.toString()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(dir.resolve("hooks.log"))).contains("slurm-resume test1: accepted (1 operations)")
                .doesNotContain(ProvisionerTestResource.TOKEN);
    }

    @Test
    void plainHttpIsNotServedWhenTlsIsConfigured() {
        int plainPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", plainPort), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    /** Not an assertion on time: prints the latency of fresh hook processes over https, first call included. */
    @Test
    void hookProcessesOverHttpsReportTheirLatency() throws Exception {
        Path conf = clientConf();
        List<Long> millis = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < Integer.getInteger("tls.latency.calls", 50); i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    HookMain.class.getName(), "suspend", "test" + (1 + i % 8)).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("ELASTIC_SLURM_CLIENT_CONF", conf.toString());
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(p.exitValue()).as(out).isZero();
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("hook over https, %d processes: first %d ms, p50 %d ms, p99 %d ms, max %d ms%n",
                sorted.size(), millis.get(0), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }

    private Path clientConf() throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        Path token = dir.resolve("token");
        Files.writeString(token, ProvisionerTestResource.TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=https://127.0.0.1:" + port + "\ntoken-file=" + token + "\nlog-file="
                + dir.resolve("hooks.log") + "\ndeadline=5000\nca=" + TlsTestResource.pkiDir.resolve("ca.pem") + "\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        return conf;
    }
}
