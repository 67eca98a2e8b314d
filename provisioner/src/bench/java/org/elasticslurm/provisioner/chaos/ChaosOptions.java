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
 * @param slurmctldDown how long Debian's slurmctld (started by the run, the burst's nodes its CLOUD nodes) is
 *                      stopped from a seeded moment of the burst; zero = the scontrol stand-in is the controller
 * @param slurmctldPort SlurmctldPort of that slurmctld ({@code +1}: its SlurmdPort)
 * @param logDiskFull how long the operation log's file system (a tmpfs of the run) is full from a seeded moment
 *                    of the burst; zero = never (the log is then on the run's directory)
 * @param host the hypervisor host the service's nodes run on
 */
record ChaosOptions(int nodes, int kills, double faultRate, long seed, Duration bound, Optional<Path> dir,
                    Duration slurmOutage, int libvirtdRestarts, Duration slurmctldDown, int slurmctldPort,
                    Duration logDiskFull, Host host) {
    /** The hypervisor host of a run. */
    enum Host {
        /** libvirt's test driver in a private libvirtd of the run ({@link PrivateLibvirtd}): scale, no guests. */
        TEST,
        /** The machine's libvirtd on qemu:///system with tiny TCG guests ({@link SystemQemuHost}). */
        QEMU
    }

    static final String HELP = """
            usage: provisioner/bin/chaos [--nodes N] [--kills K] [--fault-rate R] [--seed S] [--time T] [--dir D]
                                   [--slurm-outage T] [--libvirtd-restarts L] [--slurmctld-down T]
                                   [--slurmctld-port P] [--log-disk-full T] [--hypervisor test|qemu]
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
              --slurmctld-down T  the controller is Debian's slurmctld, started by the run with the nodes as
                              CLOUD nodes (each request is a POWER_UP in it; what its ResumeProgram and
                              SuspendProgram run for is sent to the service as the hooks would send it); it
                              is stopped by PID (SIGTERM or SIGKILL, seeded) at a seeded moment of
                              the burst and started again on its state after T, e.g. 60s; the final check
                              includes Slurm's view (default 0s: the scontrol stand-in, no slurmctld)
              --slurmctld-port P  SlurmctldPort of that slurmctld, P+1 its SlurmdPort (default 21310)
              --log-disk-full T  the operation log is on a small tmpfs the run mounts (and unmounts); at a seeded
                              moment of the burst it is filled for T, then freed; refusals (503 with a JSON
                              error) are counted as refused=R, the refused resumes sent again once it is freed
                              (default 0s: never)
              --hypervisor H  test: libvirt's test driver in a private libvirtd of the run (default);
                              qemu: the machine's libvirtd on qemu:///system (running: ci/start-libvirt.sh)
                              with tiny TCG guests (64 MiB, a blank disk, no interface, no OS; addresses from
                              a hosts file of the run), their volumes in a storage pool of the run; the
                              libvirtd restarts then SIGKILL the system libvirtd by PID and start it again,
                              refused while it runs domains of others
            Last line, always: chaos: nodes=N kills=K faults=F refused=R leaked=L duplicates=D lost=O http5xx=X stuck=S
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
        if (slurmctldDown.isNegative()) {
            throw new IllegalArgumentException("--slurmctld-down must not be negative (" + slurmctldDown + ")");
        }
        if (!slurmctldDown.isZero() && !slurmOutage.isZero()) {
            throw new IllegalArgumentException("--slurmctld-down and --slurm-outage exclude each other (the first"
                    + " stops a real slurmctld, the second makes the stand-in unreachable)");
        }
        if (slurmctldPort < 1024 || slurmctldPort > 65534) {
            throw new IllegalArgumentException("--slurmctld-port must be in [1024, 65534] (" + slurmctldPort + ")");
        }
        if (logDiskFull.isNegative()) {
            throw new IllegalArgumentException("--log-disk-full must not be negative (" + logDiskFull + ")");
        }
        if (host == null) {
            throw new IllegalArgumentException("--hypervisor must be test or qemu");
        }
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("--time must be positive (" + bound + ")");
        }
    }

    /** The default small run: 30 nodes, 1 kill, 20 % faults, seed 1, 170 s. */
    static ChaosOptions defaults() {
        return new ChaosOptions(30, 1, 0.2, 1, Duration.ofSeconds(170), Optional.empty(), Duration.ZERO, 0,
                Duration.ZERO, 21310, Duration.ZERO, Host.TEST);
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static ChaosOptions parse(String[] args) {
        ChaosOptions d = defaults();
        int nodes = d.nodes;
        int kills = d.kills;
        double faultRate = d.faultRate;
        long seed = d.seed;
        Duration bound = d.bound;
        Optional<Path> dir = d.dir;
        Duration slurmOutage = d.slurmOutage;
        int libvirtdRestarts = d.libvirtdRestarts;
        Duration slurmctldDown = d.slurmctldDown;
        int slurmctldPort = d.slurmctldPort;
        Duration logDiskFull = d.logDiskFull;
        Host host = d.host;
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            String v = args[i + 1];
            try {
                switch (key) {
                    case "--nodes" -> nodes = Integer.parseInt(v);
                    case "--kills" -> kills = Integer.parseInt(v);
                    case "--fault-rate" -> faultRate = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--time" -> bound = duration(v);
                    case "--dir" -> dir = Optional.of(Path.of(v));
                    case "--slurm-outage" -> slurmOutage = duration(v);
                    case "--libvirtd-restarts" -> libvirtdRestarts = Integer.parseInt(v);
                    case "--slurmctld-down" -> slurmctldDown = duration(v);
                    case "--slurmctld-port" -> slurmctldPort = Integer.parseInt(v);
                    case "--log-disk-full" -> logDiskFull = duration(v);
                    case "--hypervisor" -> host = switch (v) {
                        case "test" -> Host.TEST;
                        case "qemu" -> Host.QEMU;
                        default -> throw new IllegalArgumentException("--hypervisor must be test or qemu ('" + v
                                + "')");
                    };
                    default -> throw new IllegalArgumentException("unknown option " + key + " (see --help)");
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("bad value '" + v + "' for " + key, e);
            }
        }
        return new ChaosOptions(nodes, kills, faultRate, seed, bound, dir, slurmOutage, libvirtdRestarts,
                slurmctldDown, slurmctldPort, logDiskFull, host);
    }

    private static Duration duration(String v) {
        return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the controller is Debian's slurmctld (started by the run) instead of the scontrol stand-in. */
    boolean realSlurmctld() {
        return !slurmctldDown.isZero();
    }
}
