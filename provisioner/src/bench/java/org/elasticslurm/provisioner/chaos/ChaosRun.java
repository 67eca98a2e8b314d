package org.elasticslurm.provisioner.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.elasticslurm.provisioner.libvirt.LibvirtHypervisor;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * The chaos driver ({@code provisioner/bin/chaos}): a burst of resumes against the packaged service on a test
 * host of a private libvirtd ({@link PrivateLibvirtd}) or on the machine's qemu:///system with tiny guests
 * ({@link SystemQemuHost}), with SIGKILLs of the service and injected libvirt faults at seeded moments; then
 * every node is suspended and the run checks that nothing was leaked, doubled, lost or left stuck, and that no
 * request got a 5xx. The controller is the scontrol stand-in of the tests (Slurm's view empty: every node is a
 * powered-down CLOUD node hidden by 22.05), or with {@code --slurmctld-down} Debian's slurmctld, stopped and
 * started again during the burst ({@link ChaosSlurmSide}); {@code --log-disk-full} fills the operation log's
 * file system for a while ({@link OperationLogDisk}). See {@link ChaosOptions#HELP}.
 */
public final class ChaosRun {
    private final ChaosOptions options;
    private final Random random;
    private final ChaosApi api = new ChaosApi();
    private final Map<String, Set<String>> domainsSeen = new ConcurrentHashMap<>();
    private final Set<String> stuck = new TreeSet<>();
    private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private Path dir;
    private String owner;
    private List<String> nodes;
    /** The nodes' name before their number: {@code ch}, or on a shared qemu:///system one of the run's own. */
    private String prefix;
    private Map<String, String> properties;
    private ServiceProcess service;
    private ChaosHost libvirtd;
    private OperationLogDisk disk;
    private ChaosSlurmctld slurmctld;
    private ChaosSlurmSide slurmSide;
    private Path operationLog;
    private final List<String> refusedRequests = new ArrayList<>();
    private int kills;
    private int restarts;
    private int libvirtdRestarts;

    ChaosRun(ChaosOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(ChaosOptions.HELP);
            return;
        }
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.out.println(ChaosResult.unrun(0).line());
            System.exit(64);
            return;
        }
        ChaosResult result;
        try {
            result = new ChaosRun(options).run();
        } catch (Exception | Error e) {
            System.err.println("chaos: the run could not be set up: " + e);
            e.printStackTrace();
            result = ChaosResult.unrun(options.nodes());
        }
        System.out.println(result.line());
        System.exit(result.clean() ? 0 : 1);
    }

    /** Runs once; never throws for what the service does (that is counted), only for a broken setup. */
    ChaosResult run() throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plus(options.bound());
        dir = options.dir().orElseGet(() -> tempDir());
        Files.createDirectories(dir);
        owner = "chaos" + Long.toHexString(options.seed() & 0xffff) + Long.toHexString(System.nanoTime() & 0xfff);
        // domains are named after their nodes: on the machine's libvirtd, names of the run's own
        prefix = options.host() == ChaosOptions.Host.QEMU
                ? "c" + Integer.toHexString(Math.floorMod(owner.hashCode(), 0x10000)) + "n" : "ch";
        nodes = new ArrayList<>();
        for (int i = 1; i <= options.nodes(); i++) {
            nodes.add(prefix + i);
        }
        Path faultSwitch = dir.resolve("faults.on");
        ChaosResult result;
        try (ChaosHost libvirtd = host(); LibvirtHypervisor observer = LibvirtHypervisor.open(libvirtd.uri());
             OperationLogDisk disk = options.logDiskFull().isZero() ? null
                     : new OperationLogDisk(dir.resolve("oplog"), "8m");
             ChaosSlurmctld ctld = options.realSlurmctld() ? new ChaosSlurmctld(
                     Files.createDirectories(dir.resolve("slurmctld")), owner, prefix, nodes.size(),
                     options.slurmctldPort()) : null) {
            this.libvirtd = libvirtd;
            this.disk = disk;
            this.slurmctld = ctld;
            operationLog = (disk == null ? dir.resolve("service") : disk.path()).resolve("operations.jsonl");
            properties = properties(libvirtd, faultSwitch);
            ChaosDomainChecks domains = new ChaosDomainChecks(observer::domains, owner, notes);
            Thread watch = new Thread(domains::watch, "chaos-domain-watch");
            watch.setDaemon(true);
            watch.start();
            Thread programs = null;
            try {
                Files.writeString(faultSwitch, "");
                start();
                if (ctld != null) {
                    slurmSide = new ChaosSlurmSide(ctld, api, nodes, notes, stuck, this::forward);
                    programs = new Thread(slurmSide::forwardPrograms, "chaos-slurm-programs");
                    programs.setDaemon(true);
                    programs.start();
                }
                burst();
                Files.deleteIfExists(faultSwitch);
                if (ctld == null) {
                    settle("every node READY or FAILED", deadline, n -> n[0].equals("READY")
                            || n[0].equals("FAILED"), n -> n[0].equals("READY")
                            || (n[0].equals("FAILED") && !n[1].isEmpty()));
                    checkFailedNodesDownInStandIn();
                    int suspend = api.post("/v1/suspend", all());
                    if (suspend != 202) {
                        notes.add("suspend of every node answered " + suspend);
                    }
                } else {
                    resendRefused();
                    slurmSide.awaitEveryWakeForwarded(deadline);
                    // a node Slurm never woke (a POWER_UP lost with a SIGKILLed slurmctld) stays powered down
                    settle("every node READY, FAILED or never woken", deadline, n -> n[0].equals("READY")
                            || n[0].equals("FAILED") || n[0].equals("POWERED_DOWN"), n -> !n[0].equals("FAILED")
                            || !n[1].isEmpty());
                    // Slurm powers the nodes down (as after SuspendTime) and runs the SuspendProgram
                    ctld.update(all(), "POWER_DOWN_FORCE");
                }
                settle("every node POWERED_DOWN", deadline, n -> n[0].equals("POWERED_DOWN"),
                        n -> n[0].equals("POWERED_DOWN"));
                if (ctld != null) {
                    slurmSide.settle(deadline);
                }
            } finally {
                watch.interrupt();
                if (programs != null) {
                    programs.interrupt();
                }
                if (service != null) {
                    service.close();
                }
            }
            int leaked = domains.leaks(libvirtd, dir.resolve("seeds"));
            int lost = ChaosLogs.lost(operationLog, api.accepted(), notes);
            if (disk != null) {
                Files.copy(operationLog, dir.resolve("service/operations.jsonl"));
            }
            int faults = ChaosLogs.injectedFaults(dir.resolve("service")) + libvirtdRestarts;
            if (ctld != null) {
                notes.add(slurmSide.forwarded() + " ResumeProgram/SuspendProgram runs sent to the service");
            }
            notes.forEach(n -> System.out.println("chaos: " + n));
            api.serverErrors().forEach(e -> System.out.println("chaos: 5xx: " + e));
            result = new ChaosResult(nodes.size(), kills, faults, api.refused(), leaked, domains.duplicates(), lost,
                    api.http5xx(), stuck.size());
        }
        boolean removed = options.dir().isEmpty() && result.clean() && ChaosLogs.removeTree(dir);
        System.out.printf("chaos: seed=%d dir=%s%s wall=%ds%n", options.seed(), dir, removed ? " (removed)" : "",
                Duration.between(started, Instant.now()).toSeconds());
        return result;
    }

    private ChaosHost host() throws Exception {
        Path hostDir = dir.resolve("libvirtd");
        return options.host() == ChaosOptions.Host.QEMU ? new SystemQemuHost(hostDir, owner, Duration.ofSeconds(30),
                options.libvirtdRestarts() > 0)
                : new PrivateLibvirtd(Files.createDirectories(hostDir), Duration.ofSeconds(30));
    }

    /** Every node of the run as one hostlist. */
    private String all() {
        return prefix + "[1-" + nodes.size() + "]";
    }

    private Path tempDir() {
        try {
            return Files.createTempDirectory("chaos-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> properties(ChaosHost host, Path faultSwitch) throws Exception {
        String uri = host.uri();
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path munge = dir.resolve("munge.key");
        Files.write(munge, new byte[32]);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.profile", "chaos");
        p.put("provisioner.backend", "libvirt");
        p.put("provisioner.libvirt.uris", uri);
        p.put("provisioner.libvirt.test-faults", "rate=" + options.faultRate() + ",seed=" + options.seed()
                + ",hang=" + (host.callTimeout().toSeconds() + 1) + "s,switch=" + faultSwitch);
        p.put("provisioner.libvirt.call-timeout", host.callTimeout().toSeconds() + "s");
        p.put("provisioner.address-poll-interval", "0.2s");
        p.put("provisioner.reconcile-interval", "1h");
        p.put("provisioner.pools.cloud.nodes", all());
        p.put("provisioner.pools.cloud.mode", "create");
        host.poolProperties(nodes).forEach((k, v) -> p.put("provisioner.pools.cloud." + k, v));
        p.put("provisioner.pools.cloud.munge-key", munge.toString());
        p.put("provisioner.pools.cloud.seed-directory", seeds.toString());
        p.put("provisioner.operation-log", operationLog.toString());
        if (slurmctld != null) {
            p.put("provisioner.slurm-conf", slurmctld.conf.toString());
            p.put("provisioner.slurm.scontrol", "/usr/bin/scontrol");
        }
        return p;
    }

    private void start() throws IOException, InterruptedException {
        Path log = dir.resolve("service/service.log");
        if (Files.exists(log)) {
            Files.move(log, dir.resolve("service/service.log." + restarts));
        }
        restarts++;
        String conf = "ClusterName=" + owner + "\nSlurmctldHost=localhost(127.0.0.1)\n"
                + "NodeName=" + all() + " CPUs=1 State=CLOUD\n"
                + "PartitionName=cloud Nodes=" + all() + " Default=YES MaxTime=INFINITE State=UP\n";
        service = new ServiceProcess(dir.resolve("service"), conf, nodes, properties);
        api.target(service.url());
    }

    /** Resumes every node in requests of 1-8 nodes; kills the service before seeded requests (or after the last). */
    private void burst() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 1; i <= nodes.size(); ) {
            int size = 1 + random.nextInt(8);
            int last = Math.min(nodes.size(), i + size - 1);
            requests.add(i == last ? prefix + i : prefix + "[" + i + "-" + last + "]");
            i = last + 1;
        }
        int outageAt = options.slurmOutage().isZero() ? -1 : random.nextInt(requests.size());
        Thread outageEnd = null;
        Map<Integer, Integer> killsBefore = new HashMap<>();
        for (int k = 0; k < options.kills(); k++) {
            killsBefore.merge(1 + random.nextInt(requests.size()), 1, Integer::sum);
        }
        Map<Integer, Integer> libvirtdRestartsBefore = new HashMap<>();
        for (int k = 0; k < options.libvirtdRestarts(); k++) {
            libvirtdRestartsBefore.merge(1 + random.nextInt(requests.size()), 1, Integer::sum);
        }
        int ctldDownAt = slurmctld == null ? -1 : 1 + random.nextInt(requests.size());
        boolean ctldKilled = slurmctld != null && random.nextBoolean();
        int diskFullAt = disk == null ? -1 : 1 + random.nextInt(requests.size());
        Thread ctldBack = null;
        Thread diskFreed = null;
        for (int r = 0; r <= requests.size(); r++) {
            for (int k = killsBefore.getOrDefault(r, 0); k > 0; k--) {
                kill(Duration.ofMillis(random.nextInt(2000)));
            }
            for (int k = libvirtdRestartsBefore.getOrDefault(r, 0); k > 0; k--) {
                restartLibvirtd(Duration.ofMillis(random.nextInt(2000)), Duration.ofMillis(1000 + random.nextInt(2000)));
            }
            if (r == outageAt) {
                outageEnd = slurmOutage();
            }
            if (r == ctldDownAt) {
                ctldBack = slurmSide.down(Duration.ofMillis(random.nextInt(2000)), ctldKilled,
                        options.slurmctldDown());
            }
            if (r == diskFullAt) {
                diskFreed = diskFull(Duration.ofMillis(random.nextInt(1000)));
            }
            if (r < requests.size()) {
                String request = requests.get(r);
                if (slurmctld != null) {
                    if (ctldBack != null && ctldBack.isAlive()) {
                        notes.add("resume " + request + " waits for slurmctld (it runs the ResumeProgram)");
                        ctldBack.join();
                    }
                    slurmctld.update(request, "POWER_UP"); // its ResumeProgram sends the resume
                } else {
                    forward("resume", request);
                }
            }
        }
        for (Thread t : new Thread[] {outageEnd, ctldBack, diskFreed}) {
            if (t != null) {
                t.join();
            }
        }
        resendRefused();
    }

    /** Sends the service a resume or suspend as the hook does; a 503 refusal is remembered to be sent again. */
    private void forward(String kind, String hostlist) throws IOException, InterruptedException {
        int status = api.post("/v1/" + kind, hostlist);
        if (status != 202) {
            notes.add(kind + " " + hostlist + " answered " + status);
            if (status == 503 && kind.equals("resume")) {
                synchronized (refusedRequests) {
                    refusedRequests.add(hostlist);
                }
            }
        }
    }

    /**
     * Sends the resumes refused with 503 again until they are accepted (bounded): with a real controller the
     * hook exits 4 and the service's reconcile with Slurm's view picks such nodes up; the stand-in shows none.
     */
    private void resendRefused() {
        List<String> again;
        synchronized (refusedRequests) {
            again = new ArrayList<>(refusedRequests);
            refusedRequests.clear();
        }
        for (String request : again) {
            try {
                await("resume " + request + " accepted again").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> api.post("/v1/resume", request) == 202);
                notes.add("resume " + request + " accepted when sent again");
            } catch (ConditionTimeoutException e) {
                notes.add("resume " + request + " still refused 60 s after the outage");
            }
        }
    }

    /** Fills the operation log's file system after {@code after}; the returned thread frees it after the outage. */
    private Thread diskFull(Duration after) throws InterruptedException, IOException {
        Thread.sleep(after.toMillis()); // the seeded moment: operations are in flight
        long filled = disk.fill();
        notes.add("operation log's file system full (" + filled / 1024 + " KiB filler) for "
                + options.logDiskFull().toSeconds() + " s");
        Thread freed = new Thread(() -> {
            try {
                Thread.sleep(options.logDiskFull().toMillis());
                disk.free();
                notes.add("operation log's file system freed");
            } catch (InterruptedException | IOException e) {
                notes.add("the operation log's file system could not be freed: " + e);
            }
        }, "chaos-oplog-free");
        freed.start();
        return freed;
    }

    /** Every node the service failed must have been set DOWN in Slurm with a reason (the stand-in's calls). */
    private void checkFailedNodesDownInStandIn() throws IOException, InterruptedException {
        List<List<String>> calls = service.scontrol.calls();
        api.nodes().forEach((n, s) -> {
            if (s[0].equals("FAILED") && calls.stream().noneMatch(c -> c.contains("nodename=" + n)
                    && c.contains("state=DOWN") && c.stream().anyMatch(a -> a.startsWith("reason=") && a.length() > 7))) {
                stuck.add(n);
                notes.add("FAILED but never set DOWN with a reason in Slurm: " + n + " " + s[1]);
            }
        });
    }

    /** Makes the controller unreachable now; the returned thread ends the outage after its seeded length. */
    private Thread slurmOutage() throws IOException {
        service.scontrol.down(true);
        notes.add("controller unreachable for " + options.slurmOutage().toSeconds() + " s");
        Thread end = new Thread(() -> {
            try {
                Thread.sleep(options.slurmOutage().toMillis());
                service.scontrol.down(false);
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException("cannot end the controller outage", e);
            }
        }, "chaos-slurm-outage");
        end.start();
        return end;
    }

    private void kill(Duration after) throws Exception {
        Thread.sleep(after.toMillis()); // the seeded moment: operations are in flight
        service.process().destroyForcibly();
        service.process().waitFor();
        kills++;
        start();
    }

    /**
     * Kills the host's libvirtd (SIGKILL by PID) at a seeded moment, leaves the service without it for
     * {@code down} and starts it again; the service is frozen (SIGSTOP) only while a test driver's state is read.
     */
    private void restartLibvirtd(Duration after, Duration down) throws Exception {
        Thread.sleep(after.toMillis()); // the seeded moment: operations are in flight
        long pid = libvirtd.pid();
        libvirtd.restart(down, new ChaosHost.Freezer() {
            @Override
            public <T> T during(java.util.concurrent.Callable<T> body) throws Exception {
                signal("STOP", service.pid());
                try {
                    Thread.sleep(200); // calls the daemon received before the freeze are answered
                    return body.call();
                } finally {
                    signal("CONT", service.pid());
                }
            }
        });
        libvirtdRestarts++;
        notes.add("libvirtd " + pid + " killed, down " + down.toMillis() + " ms, restarted as " + libvirtd.pid());
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("/bin/kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    private void settle(String what, Instant deadline, java.util.function.Predicate<String[]> settled,
                        java.util.function.Predicate<String[]> good) throws Exception {
        new ChaosWait(api::nodes, nodes, notes, stuck).settle(what, deadline, settled, good);
    }
}
