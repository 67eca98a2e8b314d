package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation log on a real file system that fills up (a 64 KiB tmpfs mounted for the test) and is freed
 * again. Needs root for mount(8); skipped, saying so, elsewhere unless {@code CI=true}.
 */
class OperationLogFullDiskIT {
    @TempDir
    Path dir;

    @Test
    void aFullDiskFailsTheOperationsVisiblyAndTheLogStaysReadableAndWorksAgainOnceSpaceIsFreed() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("mounting a tmpfs needs root (user " + System.getProperty("user.name") + ")");
        }
        Path mount = Files.createDirectories(dir.resolve("peng-oplog"));
        run("mount", "-t", "tmpfs", "-o", "size=64k", "peng-oplog", mount.toString());
        try {
            Path logFile = mount.resolve("operations.jsonl");
            Path filler = mount.resolve("filler");
            try (JsonLinesOperationLog log = new JsonLinesOperationLog(logFile)) {
                EngineHarness h = EngineHarness.journaled(log);
                h.engine.resume(List.of("test1"), Map.of());
                h.scheduler.advance(Duration.ofMinutes(1));
                assertThat(h.phase("test1")).isEqualTo(Phase.READY);
                fill(filler);

                String failedNode = null;
                for (int round = 0; round < 200 && failedNode == null; round++) {
                    String node = "test" + (2 + round % 7);
                    h.engine.resume(List.of(node), Map.of());
                    h.scheduler.advance(Duration.ofMinutes(1));
                    if (h.phase(node) == Phase.FAILED) {
                        failedNode = node;
                        break;
                    }
                    h.engine.suspend(List.of(node));
                    h.scheduler.advance(Duration.ofMinutes(1));
                    if (h.phase(node) == Phase.FAILED) {
                        failedNode = node;
                    }
                }

                assertThat(failedNode).as("an operation failed once the disk was full").isNotNull();
                assertThat(h.node(failedNode).lastError()).hasValueSatisfying(e -> assertThat(e)
                        .contains("cannot append to the operation log " + logFile, "No space left on device"));
                assertThat(h.slurm.callsFor(failedNode)).filteredOn(c -> c.startsWith("down ")).singleElement().asString()
                        .startsWith("down " + failedNode + " reason=provisioner: cannot append to the operation log")
                        .contains("No space left on device");
                assertThat(h.engine.nodes()).extracting(NodeView::phase)
                        .doesNotContain(Phase.CREATING, Phase.BOOTING, Phase.CONFIGURING, Phase.DESTROYING);
                assertThat(h.engine.journalFailure()).hasValueSatisfying(
                        f -> assertThat(f).contains("No space left on device"));
                assertThatThrownBy(() -> h.engine.resume(List.of("test1"), Map.of()))
                        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.reason())
                                .isEqualTo(RequestRejectedException.Reason.UNAVAILABLE));

                Files.delete(filler);

                assertThat(h.engine.journalFailure()).isEmpty();
                h.engine.resume(List.of(failedNode), Map.of());
                h.scheduler.advance(Duration.ofMinutes(1));
                assertThat(h.phase(failedNode)).isEqualTo(Phase.READY);
            }

            List<String> lines = Files.readAllLines(logFile);
            ObjectMapper json = new ObjectMapper();
            assertThat(lines).allSatisfy(l -> assertThat(json.readTree(l).isObject()).as(l).isTrue());
            JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(logFile);
            assertThat(replay.skipped()).isZero();
            assertThat(replay.lastByNode().get("test1").status()).isEqualTo(OperationStatus.SUCCEEDED);
        } finally {
            run("umount", mount.toString());
        }
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
            return;
        }
        throw new AssertionError("the 64 KiB tmpfs did not fill up");
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
