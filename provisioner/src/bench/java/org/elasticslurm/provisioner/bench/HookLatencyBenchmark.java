package org.elasticslurm.provisioner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.client.ClientConfig;
import org.elasticslurm.provisioner.testing.HostileLauncher;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * Wall time of the installed hook programs, started as slurmctld starts them (empty environment, fds 0-2
 * closed, signals blocked), from fork to exit, against the packaged service, starting right after the service
 * reported ready (the first calls show what a cold service costs). Goal: under 1 s.
 *
 * <p>Run: {@code provisioner/bin/bench HookLatencyBenchmark [calls [warm-up rounds]]} (rounds: see
 * {@code provisioner.warm-up-rounds}; 0 shows a service without warm-up).
 */
public final class HookLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String warmUp = args.length > 1 ? args[1] : "400";
        Path dir = BenchSupport.tempDir("bench-hooks");
        try (ServiceProcess service = BenchSupport.service(dir.resolve("service"), 100, Map.of(
                "provisioner.warm-up-rounds", warmUp,
                "provisioner.sim.boot-delay", "0.5s", "quarkus.log.category.\"org.elasticslurm\".level", "WARN"))) {
            Path jar = Path.of("target/provisioner-0.1.0-SNAPSHOT-hooks.jar").toAbsolutePath();
            Process install = new ProcessBuilder(ServiceProcess.javaBinary(), "-jar", jar.toString(), "install", "--dir",
                    dir.resolve("sbin").toString(), "--lib-dir", dir.resolve("lib").toString()).inheritIO().start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException("install failed");
            }
            Path conf = dir.resolve("client.conf");
            Files.writeString(conf, "url=" + service.url() + "\ntoken-file=" + service.tokenFile + "\nlog-file="
                    + dir.resolve("hooks.log") + "\n");
            Map<String, String> env = Map.of(ClientConfig.FILE_ENV, conf.toString());
            List<Double> warm = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            int failures = 0;
            for (int i = 0; i < calls + 5; i++) {
                String hook = i % 2 == 0 ? "slurm-resume" : "slurm-suspend";
                long t0 = System.nanoTime();
                Process p = HostileLauncher.start(dir.resolve("sbin/" + hook), List.of("test[1-10]"), env, false);
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(hook + " did not exit within 10 s");
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                failures += p.exitValue() == 0 ? 0 : 1;
                (i < 5 ? warm : all).add(ms);
            }
            System.out.println("hook programs (resume/suspend of test[1-10]) in slurmctld's environment, fork to exit,"
                    + " warm-up rounds " + warmUp + " (load " + BenchSupport.load() + "), non-zero exits=" + failures);
            System.out.println("  first 5 calls right after the start: " + BenchSupport.summary(warm) + " - each: "
                    + warm.stream().map(ms -> String.format("%.0f", ms)).toList());
            System.out.println("  next " + calls + " calls:              " + BenchSupport.summary(all));
        } finally {
            BenchSupport.delete(dir);
        }
    }
}
