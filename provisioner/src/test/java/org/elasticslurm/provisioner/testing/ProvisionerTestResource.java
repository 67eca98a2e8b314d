package org.elasticslurm.provisioner.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives a @QuarkusTest its world through configuration: slurm.conf with CLOUD nodes test[1-8] and a normal node
 * login1, a 0600 token file, the stand-in scontrol, an operation log, the sim backend with a short boot delay.
 */
public class ProvisionerTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String TOKEN = "t0ken-for-tests-only";
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("provisioner-test");
            ScontrolStandIn standIn = new ScontrolStandIn(dir.resolve("slurm"), TestConf.CLOUD8,
                    List.of("login1", "test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8"));
            Path token = dir.resolve("token");
            Files.writeString(token, TOKEN + "\n");
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
            return Map.ofEntries(
                    Map.entry("provisioner.backend", "sim"),
                    Map.entry("provisioner.slurm-conf", standIn.slurmConf.toString()),
                    Map.entry("provisioner.token-file", token.toString()),
                    Map.entry("provisioner.slurm.scontrol", standIn.scontrol.toString()),
                    Map.entry("provisioner.operation-log", dir.resolve("log/operations.jsonl").toString()),
                    Map.entry("provisioner.sim.boot-delay", "0.2s"),
                    Map.entry("provisioner.address-poll-interval", "0.02s"),
                    Map.entry("provisioner.reconcile-interval", "1h"),
                    Map.entry("provisioner.max-nodes-per-request", "1000"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
