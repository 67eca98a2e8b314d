package org.elasticslurm.provisioner.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The knobs of a chaos run.
 *
 * @param nodes how many CLOUD nodes are resumed in the burst
 * @param kills how many times the service is killed with SIGKILL (and started again on the same operation log)
 * @param faultRate probability in [0, 1] that a libvirt call fails on purpose during the burst
 * @param seed seed of every random choice of the run (request sizes, kill moments, faults)
 * @param bound upper bound of the whole run's waits
 * @param dir working directory; empty = a new one under /tmp
 * @param slurmOutage how long the controller is unreachable, from a seeded moment of the burst; zero = never
 * @param libvirtdRestarts how many times the private libvirtd is killed (SIGKILL by PID) during the burst and
 *                         started again, its state kept as a real libvirtd keeps it
 */
record ChaosOptions(int nodes, int kills, double faultRate, long seed, Duration bound, Optional<Path> dir,
                    Duration slurmOutage, int libvirtdRestarts) {
    static final String HELP = """
            usage: provisioner/bin/chaos [--nodes N] [--kills K] [--fault-rate R] [--seed S] [--time T] [--dir D]
                                   [--slurm-outage T] [--libvirtd-restarts L]
            Resumes N nodes of the packaged service (libvirt backend, a test:/// host of a private libvirtd) in
            bursts of seeded sizes, kills the service K times at seeded moments (restarting it on the same
            operation log) while a fraction R of its libvirt calls fails on purpose (transient errors, permanent
            errors, calls that hang past their timeout), then suspends every node and checks what is left.
              --nodes N       nodes to resume (default 30, at most 250)
              --kills K       SIGKILLs of the service during the burst (default 1)
              --fault-rate R  probability in [0, 1] that a libvirt call fails (default 0.2)
              --seed S        seed of every random choice (default 1)
              --time T        bound of the run's waits, e.g. 170s or 10m (default 170s)
              --dir D         working directory, kept (default: a new /tmp/chaos-* directory, removed
                              after a clean run)
              --slurm-outage T  the controller is unreachable (every scontrol call fails) for T from a seeded
                              moment of the burst, e.g. 20s (default 0s: never)
              --libvirtd-restarts L  the private libvirtd is killed (SIGKILL by PID) L times at seeded moments of
                              the burst, left down 1-3 s (seeded) and started again with the domains and volumes
                              a real libvirtd keeps; the service must reconnect (default 0)
            Last line, always: chaos: nodes=N kills=K faults=F leaked=L duplicates=D lost=O http5xx=X stuck=S
            Exit status: 0 when L, D, O, X and S are 0; 1 otherwise; 64 for bad arguments.
            """;

    ChaosOptions {
        if (nodes < 1 || nodes > 250) {
            throw new IllegalArgumentException("--nodes must be in [1, 250] (" + nodes + ")");
        }
        if (kills < 0) {
            throw new IllegalArgumentException("--kills must not be negative (" + kills + ")");
        }
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new IllegalArgumentException("--fault-rate must be in [0, 1] (" + faultRate + ")");
        }
        if (slurmOutage.isNegative()) {
            throw new IllegalArgumentException("--slurm-outage must not be negative (" + slurmOutage + ")");
        }
        if (libvirtdRestarts < 0) {
            throw new IllegalArgumentException("--libvirtd-restarts must not be negative (" + libvirtdRestarts + ")");
        }
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("--time must be positive (" + bound + ")");
        }
    }

    /** The default small run: 30 nodes, 1 kill, 20 % faults, seed 1, 170 s. */
    static ChaosOptions defaults() {
        return new ChaosOptions(30, 1, 0.2, 1, Duration.ofSeconds(170), Optional.empty(), Duration.ZERO, 0);
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static ChaosOptions parse(String[] args) {
        ChaosOptions o = defaults();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            String v = args[i + 1];
            try {
                o = switch (key) {
                    case "--nodes" -> new ChaosOptions(Integer.parseInt(v), o.kills, o.faultRate, o.seed,
                            o.bound, o.dir, o.slurmOutage, o.libvirtdRestarts);
                    case "--kills" -> new ChaosOptions(o.nodes, Integer.parseInt(v), o.faultRate, o.seed,
                            o.bound, o.dir, o.slurmOutage, o.libvirtdRestarts);
                    case "--fault-rate" -> new ChaosOptions(o.nodes, o.kills, Double.parseDouble(v), o.seed, o.bound,
                            o.dir, o.slurmOutage, o.libvirtdRestarts);
                    case "--seed" -> new ChaosOptions(o.nodes, o.kills, o.faultRate, Long.parseLong(v),
                            o.bound, o.dir, o.slurmOutage, o.libvirtdRestarts);
                    case "--time" -> new ChaosOptions(o.nodes, o.kills, o.faultRate, o.seed,
                            Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT)), o.dir, o.slurmOutage,
                            o.libvirtdRestarts);
                    case "--dir" -> new ChaosOptions(o.nodes, o.kills, o.faultRate, o.seed, o.bound,
                            Optional.of(Path.of(v)), o.slurmOutage, o.libvirtdRestarts);
                    case "--slurm-outage" -> new ChaosOptions(o.nodes, o.kills, o.faultRate, o.seed, o.bound, o.dir,
                            Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT)), o.libvirtdRestarts);
                    case "--libvirtd-restarts" -> new ChaosOptions(o.nodes, o.kills, o.faultRate, o.seed, o.bound,
                            o.dir, o.slurmOutage, Integer.parseInt(v));
                    default -> throw new IllegalArgumentException("unknown option " + key + " (see --help)");
                };
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("bad value '" + v + "' for " + key, e);
            }
        }
        return o;
    }
}
