package org.elasticslurm.scenarios.target.libvirttest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.process.NamedProcesses;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.RenderedConf;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.lab.FakeSlurm;
import org.elasticslurm.scenarios.target.lab.LabFiles;
import org.elasticslurm.scenarios.target.lab.LabJobs;
import org.elasticslurm.scenarios.target.lab.LabTeardown;
import org.elasticslurm.scenarios.target.lab.WireProbe;
import org.elasticslurm.scenarios.target.provisioned.HookClients;
import org.elasticslurm.scenarios.target.provisioned.PoolProperties;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLabSession;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLimits;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedTarget;
import org.elasticslurm.scenarios.target.provisioned.ProvisionerApp;
import org.elasticslurm.scenarios.target.provisioned.ProvisionerService;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.testsupport.TestDriverHost;

/**
 * The {@code libvirt-test} target: the real provisioner service ({@code backend=libvirt}) on libvirt's test
 * driver, fake-slurmctld's drop-in slurmctld as the controller, the provisioner's hook clients run by it. The test
 * driver's machines run nothing: the "guest" of a node is a fake slurmd on loopback that this target starts when
 * the machine has booted ({@link FakeGuests}). Levels 2 and 3 and {@code never-registers} run here in seconds.
 *
 * <p>Lab: a scratch directory ({@code /tmp/eslt-*}, {@code $LAB}) with slurm.conf (free ports, per-node slurmd
 * files), the test driver's node file (existing pools' domains, the base image's pool, network {@code lab}), a
 * reservation file giving every node a fixed MAC and the address 127.0.0.1, the provisioner's files and the hooks.
 */
public final class LibvirtTestTarget extends ProvisionedTarget {
    private static final List<Path> LIBVIRT_LIBRARY = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0"),
            Path.of("/usr/lib64/libvirt.so.0"), Path.of("/usr/lib/libvirt.so.0"));

    private static final ProvisionedLimits LIMITS = new ProvisionedLimits(TargetKind.LIBVIRT_TEST,
            "the node's slurmd is not started", Set.of(Component.SLURMD),
            c -> "libvirt-test stops and restarts only a node's slurmd, not " + c,
            "on libvirt-test a node is a fake slurmd on this machine: there is no node to run a command on",
            Optional.of("on libvirt-test every node's slurmd is a fake slurmd on this machine, so a job's hostname "
                    + "prints this machine's name, not the node's"),
            Optional.of("libvirt-test runs the provisioner's clients, which start no child processes"));

    private final Clock clock;
    private final Path scratchParent;

    /** @param clock the lab's clock, @param scratchParent where scratch directories go (keep the path short) */
    public LibvirtTestTarget(Clock clock, Path scratchParent) {
        super(LIMITS);
        this.clock = clock;
        this.scratchParent = scratchParent;
    }

    /** The system clock, scratch directories in /tmp. */
    public static LibvirtTestTarget standard() {
        return new LibvirtTestTarget(Clock.systemUTC(), Path.of("/tmp"));
    }

    /** What this machine lacks for the target, or empty. */
    public static Optional<String> missing() {
        List<String> lacking = new ArrayList<>();
        if (LIBVIRT_LIBRARY.stream().noneMatch(Files::exists)) {
            lacking.add("libvirt's library libvirt.so.0 (Debian: libvirt0)");
        }
        try {
            ProvisionerApp.locate(TargetKind.LIBVIRT_TEST);
            FakeSlurm.locate(TargetKind.LIBVIRT_TEST);
        } catch (TargetUnavailableException e) {
            lacking.add(e.getMessage());
        }
        return lacking.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lacking));
    }

    @Override
    public TargetSession open(LoadedScenario loaded, ProgressListener progress) {
        missing().ifPresent(why -> {
            throw new TargetUnavailableException(TargetKind.LIBVIRT_TEST, "libvirt-test needs: " + why);
        });
        Scenario scenario = loaded.scenario();
        ProvisionerSetup setup = setupOf(scenario);
        ProvisionerApp app = ProvisionerApp.locate(TargetKind.LIBVIRT_TEST);
        FakeSlurm fake = FakeSlurm.locate(TargetKind.LIBVIRT_TEST);
        Path dir = LabFiles.scratch(scratchParent, "eslt-");
        NamedProcesses processes = new NamedProcesses();
        LabTeardown teardown = new LabTeardown(scenario.name() + " on libvirt-test");
        teardown.add(() -> LabFiles.remove(dir, Boolean.getBoolean(LabFiles.KEEP_PROPERTY)));
        FreePorts ports = teardown.add(new FreePorts()); // released once the lab's daemons have ended
        Instant t0 = clock.instant();
        List<Stage> setupStages = new ArrayList<>();
        try {
            for (String sub : List.of("state", "log", "spool", "run", "jobs", "seeds", "hooks")) {
                Files.createDirectories(dir.resolve(sub));
            }
            RenderedConf conf = new ConfTemplate(scenario.name() + " slurm.conf", LabFiles.slurmConfText(scenario))
                    .renderLocalNodes(dir, ConfTemplate.localHost(), "127.0.0.1", ports);
            Path confFile = dir.resolve("slurm.conf");
            Files.writeString(confFile, conf.text());
            Map<String, String> env = fake.environment(confFile, loaded.version());

            HookClients hooks = new HookClients(dir.resolve("provisioner/clients"));
            hooks.writePrograms(loaded, dir);

            Map<String, String> macs = new LinkedHashMap<>();
            for (int i = 0; i < conf.nodes().size(); i++) {
                macs.put(conf.nodes().get(i), String.format("52:54:00:ee:%02x:%02x", i / 256, i % 256));
            }
            Map<String, String> existing = new LinkedHashMap<>();
            for (ProvisionerSetup.Pool p : setup.pools()) {
                if (p.mode() == ProvisionerSetup.Mode.EXISTING) {
                    Hostlist.parse(p.nodes()).names().forEach(n -> existing.put(n, macs.get(n)));
                }
            }
            Files.writeString(dir.resolve("host.xml"), TestDriverHost.withCpus(8).domains(existing).xml());
            Files.writeString(dir.resolve("lab.hosts"), TestDriverHost.hostsFile(conf.nodes(), macs, "127.0.0.1"));
            Files.write(dir.resolve("munge.key"), new byte[1024]);

            processes.start("slurmctld", List.of(fake.command("slurmctld").toString(), "-D", "-f",
                    confFile.toString()), env, dir, dir.resolve("log/slurmctld.out"));
            teardown.add(processes);
            int ctldPort = conf.slurmctldPort();
            WireProbe probe = new WireProbe(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctldPort));
            awaitController(probe, processes, dir);
            setupStages.add(new Stage("", "slurmctld (fake) answering", Duration.ZERO,
                    Duration.between(t0, clock.instant())));

            Instant p0 = clock.instant();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("provisioner.backend", "libvirt");
            properties.put("provisioner.libvirt.uris", "test://" + dir.resolve("host.xml"));
            properties.put("provisioner.address-poll-interval", "0.5s");
            properties.putAll(PoolProperties.of(setup, pool -> {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("network", "lab");
                m.put("memory", "256");
                m.put("hosts-file", dir.resolve("lab.hosts").toString());
                m.put("munge-key", dir.resolve("munge.key").toString());
                if (pool.mode() == ProvisionerSetup.Mode.CREATE) {
                    m.put("storage-pool", "images");
                    m.put("base-image", "base.qcow2");
                    m.put("seed-directory", dir.resolve("seeds").toString());
                }
                return m;
            }));
            ProvisionerService service = ProvisionerService.start(app, dir.resolve("provisioner"), confFile,
                    fake.command("scontrol"), properties, org.elasticslurm.scenarios.target.provisioned.NetNs.HOST,
                    Duration.ofSeconds(120));
            teardown.add(service);
            hooks.install(app, service);
            setupStages.add(new Stage("", "provisioner ready, hook clients installed", Duration.ZERO,
                    Duration.between(p0, clock.instant())));

            Instant zero = clock.instant();
            FakeGuests guests = new FakeGuests(fake, processes, env, confFile, dir, dir.resolve("seeds"), clock,
                    conf.nodes());
            LabJobs jobs = new LabJobs(processes, c -> c, env, dir.resolve("jobs"),
                    () -> Duration.between(zero, clock.instant()), c -> fake.command(c).toString());
            List<Stage> shifted = setupStages.stream().map(s -> new Stage(s.node(), s.name(),
                    Duration.between(zero, t0), s.duration())).toList();
            return new ProvisionedLabSession(new ProvisionedLabSession.Parts(clock, zero, probe,
                    Optional.of(service), hooks, jobs, guests, dir.resolve("log/slurmctld.log"), c -> c, env,
                    fake.command("scontrol").toString(), shifted, Duration.ofMillis(200), teardown,
                    Optional::empty));
        } catch (IOException | RuntimeException e) {
            throw teardown.abandon(scenario.name() + ": cannot set up the libvirt-test lab", e);
        }
    }

    private static void awaitController(WireProbe probe, NamedProcesses processes, Path dir) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.answers()) {
                return;
            }
            if (!processes.running("slurmctld")) {
                throw new TargetException("the fake slurmctld exited while starting:\n"
                        + Files.readString(dir.resolve("log/slurmctld.out")), null);
            }
            LabFiles.pause(Duration.ofMillis(200));
        }
        throw new TargetException("the fake slurmctld did not answer within 60 s:\n"
                + Files.readString(dir.resolve("log/slurmctld.out")), null);
    }
}
