package org.elasticslurm.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The provisioner's configuration, prefix {@code provisioner}. Checked as a whole at start by
 * {@link ConfigValidator}; the service refuses to start with a message naming every bad key.
 */
@ConfigMapping(prefix = "provisioner")
public interface ProvisionerConfig {

    /** Which machines back the cloud nodes: {@code sim} (in memory) or {@code libvirt}. */
    @WithDefault("sim")
    BackendKind backend();

    /** The slurm.conf whose {@code State=CLOUD} nodes this service may resume and suspend. */
    @WithDefault("/etc/slurm/slurm.conf")
    Path slurmConf();

    /**
     * The site's Slurm version ({@code 22.05}, {@code 24.11}, {@code 26.05}, or a release of one such as
     * {@code 24.11.5}), whose rules slurm.conf is read with (the keys it knows and removed, its plugins). Empty =
     * the version {@code provisioner.slurm.scontrol --version} prints, else 24.11. An unknown version stops the
     * start with the known ones listed.
     */
    java.util.Optional<String> slurmVersion();

    /**
     * Identity of this service, written into the metadata of every machine it makes or starts; only machines of
     * this owner are listed, recovered after a restart, swept as orphans or cleaned up. Rule
     * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; empty = slurm.conf's {@code ClusterName}. Two services with the
     * same owner (two services of one cluster) must not share a hypervisor host.
     */
    java.util.Optional<String> owner();

    /**
     * File holding the bearer token every {@code /v1} call must present; must be non-empty and not readable by
     * group or others.
     */
    @WithDefault("/etc/elastic-slurm/token")
    Path tokenFile();

    /** HTTPS served by the service itself (see {@link TlsConfigInterceptor}). */
    Tls tls();

    /**
     * PEM files of the service's certificate and key. Both or neither; with them the service answers HTTPS on
     * {@code quarkus.http.ssl-port} and plain HTTP is off unless {@code quarkus.http.insecure-requests} says
     * otherwise.
     */
    interface Tls {
        /** The certificate (chain) PEM file, leaf first. */
        java.util.Optional<Path> certificate();

        /** The private key PEM file (PKCS#8 {@code PRIVATE KEY}, or {@code RSA}/{@code EC PRIVATE KEY}). */
        java.util.Optional<Path> key();
    }

    /**
     * How many backend calls (create, start, release, address polls, post-config runs) run at the same time;
     * waiting for a boot holds no slot.
     */
    @WithDefault("16")
    int maxParallel();

    /** Append-only log of every operation transition, one JSON object per line. */
    @WithDefault("/var/lib/elastic-slurm/operations.jsonl")
    Path operationLog();

    /**
     * A machine whose node Slurm shows powered down (or idle, or down) while we have no operation for it for
     * longer than this is an orphan and is released.
     */
    @WithDefault("10m")
    Duration orphanGrace();

    /** How often machines are compared with Slurm's view to find orphans. */
    @WithDefault("1m")
    Duration reconcileInterval();

    /**
     * How long the restart recovery is tried again (with the {@code retry.*} backoff) when the backend cannot list
     * its machines at start; no new operation is accepted and readiness is DOWN meanwhile; past it the service
     * exits with the cause (status 1).
     */
    @WithDefault("10m")
    Duration recoveryRetry();

    /** How long a resume waits for the machine's address before the node fails. */
    @WithDefault("5m")
    Duration addressTimeout();

    /** How often the backend is asked for the address while waiting. */
    @WithDefault("2s")
    Duration addressPollInterval();

    /** Largest number of nodes one request may name (a hostlist expanding to more is refused unexpanded). */
    @WithDefault("10000")
    int maxNodesPerRequest();

    /**
     * Rounds of the request path (read a body, check a hostlist, write node views) run at start-up before the
     * HTTP port opens, so the first hook calls are not slowed by class loading and JIT; 0 = none.
     */
    @WithDefault("400")
    int warmUpRounds();

    /** Retries of transient backend failures. */
    Retry retry();

    /** The Slurm controller port. */
    Slurm slurm();

    /** The libvirt backend (used when {@code provisioner.backend=libvirt}). */
    Libvirt libvirt();

    /** The simulated backend (used when {@code provisioner.backend=sim}). */
    Sim sim();

    /**
     * Node pools by name: which cloud nodes they hold and how their machines are made. When no pool is
     * configured, every CLOUD node of slurm.conf belongs to one pool named {@code default} with all defaults.
     */
    @WithName("pools")
    @WithDefaults
    Map<String, PoolConfig> pools();

    /** Retry with exponential backoff of transient backend failures. */
    interface Retry {
        /** Attempts per backend call, the first included (1 = no retry). */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the second attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Upper bound of any wait between attempts. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Factor by which the wait grows after each failed attempt. */
        @WithDefault("2.0")
        double multiplier();
    }

    /** How the controller is reached. */
    interface Slurm {
        /** Absolute path of the {@code scontrol} binary (run with an argument vector, never through a shell). */
        @WithDefault("/usr/bin/scontrol")
        Path scontrol();

        /** How long one scontrol call may take before it is killed and reported as failed. */
        @WithDefault("15s")
        Duration timeout();

        /**
         * How long a step that needs the controller (telling Slurm a node's address, or that it is DOWN) keeps
         * being retried while the controller cannot be reached, even past {@code retry.max-attempts}.
         */
        @WithDefault("3m")
        Duration unreachableRetry();
    }

    /** libvirt hypervisor hosts. */
    interface Libvirt {
        /** Connection URIs of the hypervisor hosts; new machines are placed by free capacity. */
        @WithDefault("qemu:///system")
        java.util.List<String> uris();

        /**
         * Hosts among {@link #uris()} whose pools with {@code domain-type=auto} create TCG domains (type {@code qemu}):
         * the KVM probe runs on this machine only, and a remote host advertises {@code kvm} even where KVM does not
         * work there (nested KVM that hangs). Written as in {@code uris}; empty = every remote host uses kvm when it
         * offers it.
         */
        java.util.Optional<java.util.List<String>> tcgHosts();

        /** qemu binary the KVM probe runs (a kernel must print its banner under {@code -accel kvm}). */
        @WithDefault("/usr/bin/qemu-system-x86_64")
        Path qemu();

        /** How long the KVM probe may take before KVM is declared unusable and TCG is used. */
        @WithDefault("10s")
        Duration kvmProbeTimeout();

        /** Kernel the KVM probe boots; empty = a pool's direct-boot kernel, else the newest /boot/vmlinuz-*. */
        java.util.Optional<Path> kvmProbeKernel();

        /**
         * File that keeps the KVM probe's verdict across starts: it is used instead of probing while the machine has
         * not rebooted and the qemu binary, the probe kernel, the presence of /dev/kvm and the probe timeout are
         * unchanged. Absolute path; empty = {@code kvm-verdict.properties} in the directory of
         * {@link ProvisionerConfig#operationLog()}.
         */
        java.util.Optional<Path> kvmVerdictFile();

        /** genisoimage binary that builds the NoCloud seed ISOs when {@link #seedWriter()} is {@code genisoimage}. */
        @WithDefault("/usr/bin/genisoimage")
        Path genisoimage();

        /**
         * How NoCloud seed ISOs are made: {@code builtin} (written in memory, Rock Ridge names, no process) or
         * {@code genisoimage} (Rock Ridge and Joliet, one process per seed).
         */
        @WithDefault("builtin")
        String seedWriter();

        /** How long a host capacity snapshot (free memory, vCPUs, MACs in use) is reused for placement. */
        @WithDefault("2s")
        Duration capacityRefresh();

        /**
         * Bound of each libvirt call: a call with no answer by then (libvirtd stopped or hung) fails transiently
         * and is retried like any other host error; its worker is free again. Must be positive.
         */
        @WithDefault("60s")
        Duration callTimeout();

        /**
         * TEST ONLY, for reliability runs: makes libvirt calls fail on purpose, as {@link
         * org.elasticslurm.provisioner.libvirt.FaultPlan} describes ({@code rate=0.2,seed=7,hang=3s[,switch=file]}).
         * Empty (the default) = no fault injection. The service refuses to start with it in the prod profile.
         */
        java.util.Optional<String> testFaults();
    }

    /** Simulated machines: boot delay, jitter and failures, all from a seeded random source. */
    interface Sim {
        /** Time from start until a simulated machine has an address. */
        @WithDefault("30s")
        Duration bootDelay();

        /** Uniform random extra boot time in [0, jitter). */
        @WithDefault("0s")
        Duration jitter();

        /** Probability in [0, 1] that starting a simulated machine fails (not transient). */
        @WithDefault("0.0")
        double failureProbability();

        /** Probability in [0, 1] that a simulated backend call fails transiently (retried). */
        @WithDefault("0.0")
        double transientFailureProbability();

        /** Seed of the random source, so a run can be replayed. */
        @WithDefault("1")
        long seed();

        /**
         * First address handed out; the n-th machine gets this address plus n. Loopback by default, so that a
         * slurmd started on this host for a sim node (sim-slurmd) is reached at the address Slurm is told.
         */
        @WithDefault("127.0.0.1")
        String firstAddress();
    }
}
