package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Requests into a lab namespace end within their limit even when the other side accepts and never answers. */
@CpuCost(0) // a silent listener and one HTTP client: waiting, not computing
@ExtendWith(ServiceHttpIT.NamespacesAvailable.class)
class ServiceHttpIT {
    private static final int PORT = 18080;
    private final String ns = "esl-http-" + ProcessHandle.current().pid();
    private Process listener;

    @BeforeEach
    void namespaceWithASilentListener() throws Exception {
        run("/usr/sbin/ip", "netns", "add", ns);
        run("/usr/sbin/ip", "netns", "exec", ns, "/usr/sbin/ip", "link", "set", "lo", "up");
        listener = new ProcessBuilder("/usr/sbin/ip", "netns", "exec", ns, "/bin/busybox", "nc", "-l", "-p",
                Integer.toString(PORT)) // stdin stays an open pipe: nc holds the connection and never answers
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        await("a listener on 127.0.0.1:" + PORT + " in " + ns).atMost(Duration.ofSeconds(10))
                .until(() -> output("/usr/sbin/ip", "netns", "exec", ns, "/usr/bin/ss", "-Hltn", "sport = :" + PORT),
                        out -> out.contains(":" + PORT));
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (listener != null) {
            listener.destroyForcibly();
            listener.waitFor(5, TimeUnit.SECONDS);
        }
        run("/usr/sbin/ip", "netns", "del", ns);
    }

    @Test
    void aServiceThatAcceptsAndNeverAnswersFailsTheRequestAtItsLimit() {
        ServiceHttp http = new ServiceHttp(NetNs.of(ns), PORT, Duration.ofSeconds(2));

        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> http.get("/q/health/ready", null))
                        .isInstanceOf(IOException.class)
                        .hasMessage("no answer from 127.0.0.1:" + PORT + " in " + ns + " within 2 s"));
    }

    @Test
    void nothingListeningIsACannotConnect() {
        ServiceHttp http = new ServiceHttp(NetNs.of(ns), PORT + 1, Duration.ofSeconds(2));

        assertThatThrownBy(() -> http.get("/q/health/ready", null)).isInstanceOf(IOException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + (PORT + 1) + " in namespace " + ns);
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", argv)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    private static String output(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Root, iproute2 and busybox; with {@code CI=true} their absence fails the test instead. */
    static final class NamespacesAvailable implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<String> missing = new java.util.ArrayList<>();
            if (!"root".equals(System.getProperty("user.name"))) {
                missing.add("network namespaces need root");
            }
            for (String tool : List.of("/usr/sbin/ip", "/usr/bin/ss", "/bin/busybox")) {
                if (!Files.isExecutable(Path.of(tool))) {
                    missing.add(tool + " is missing (iproute2, busybox-static)");
                }
            }
            return Requirement.evaluate("root, iproute2 and busybox are here", missing.isEmpty() ? Optional.empty()
                    : Optional.of(Missing.of(String.join("; ", missing))));
        }
    }
}
