package org.elasticslurm.fake.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of the drop-in commands against a running fake slurmctld: starts a two-node fake cluster from
 * {@code target/bin}, runs {@code scontrol show node}, {@code sinfo} and {@code squeue} RUNS times each (after
 * a few warm-up runs) as separate processes, prints p50/p95/max of the wall time from fork to exit.
 *
 * <p>Run from the project root: {@code fake-slurmctld/bin/bench CommandLatencyBenchmark [RUNS]} (builds the
 * module and its drop-in commands first).
 */
public final class CommandLatencyBenchmark {

    private static final int WARMUP = 5;

    private CommandLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Map<String, Boolean> nodes = new LinkedHashMap<>();
        nodes.put("node1", true);
        nodes.put("node2", false);
        List<List<String>> commands = List.of(List.of("scontrol", "show", "node"), List.of("sinfo"),
                List.of("squeue"));
        try (FakeCluster cluster = FakeCluster.layOut(nodes, List.of("SuspendTime=300"))) {
            cluster.startController();
            cluster.startSlurmd("node2", false);
            cluster.awaitState("node2", "IDLE", Duration.ofSeconds(30));
            System.out.printf("%-20s %6s %8s %8s %8s%n", "command", "runs", "p50 ms", "p95 ms", "max ms");
            for (List<String> command : commands) {
                for (int i = 0; i < WARMUP; i++) {
                    check(cluster.run(command), command);
                }
                long[] millis = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    FakeCluster.Output out = cluster.run(command);
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                    check(out, command);
                }
                Arrays.sort(millis);
                System.out.printf("%-20s %6d %8d %8d %8d%n", String.join(" ", command), runs,
                        percentile(millis, 50), percentile(millis, 95), millis[millis.length - 1]);
            }
        }
    }

    private static void check(FakeCluster.Output out, List<String> command) {
        if (out.exit() != 0) {
            throw new IllegalStateException(command + " failed with " + out.exit() + ": " + out.stderr());
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

}
