package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.process.LabProcesses;
import org.elasticslurm.lab.process.NamedProcesses;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.RenderedConf;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.SlurmctldVersion;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.lab.DefunctProcesses;
import org.elasticslurm.scenarios.target.lab.FailedRunFiles;
import org.elasticslurm.scenarios.target.lab.FakeSlurm;
import org.elasticslurm.scenarios.target.lab.LabFiles;
import org.elasticslurm.scenarios.target.lab.LabJobs;
import org.elasticslurm.scenarios.target.lab.LabTeardown;
import org.elasticslurm.scenarios.target.lab.RepositoryRoot;
import org.elasticslurm.scenarios.target.lab.ScontrolProbe;
import org.elasticslurm.scenarios.target.provisioned.HookClients;
import org.elasticslurm.scenarios.target.provisioned.NetNs;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLabSession;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLimits;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedTarget;
import org.elasticslurm.scenarios.target.provisioned.ProvisionerApp;
import org.elasticslurm.scenarios.target.provisioned.ProvisionerService;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * The {@code qemu} target: real VMs from the guest image ({@code ci/guest-image}) through {@code qemu:///system},
 * made by the real provisioner (libvirt backend, domain type from its KVM probe: TCG here), all inside a lab
 * network namespace of the run's own ({@code ci/netlab.sh}, {@code ESL_NETNS=esl-<run>}): the controller
 * (Debian's slurmctld with {@code --controller real}, fake-slurmctld's with {@code fake}), the provisioner
 * ({@code ip netns exec}), the hook clients (run by slurmctld, so in the namespace too). VMs get
 * {@code <interface type='ethernet'>}; the provisioner's attach command moves each tap into the lab
 * ({@code netlab.sh adopt-tap}); MAC and address come from the lab's reservation file. See the module README.
 */
public final class QemuTarget extends ProvisionedTarget {
    private static final String GUEST_BUNDLE = "fake-slurmd-guest.tar.gz";
    /** What a run that does not pass keeps of its lab directory ({@link FailedRunFiles}). */
    private static final List<String> KEPT_ON_FAILURE = List.of("consoles", "log", "slurm.conf",
            "provisioner/operations.jsonl", "provisioner/service.log", "provisioner/clients/client.log",
            "provisioner/clients/hook-calls", "hooks/hook-calls");

    private static final ProvisionedLimits LIMITS = new ProvisionedLimits(TargetKind.QEMU,
            "a user-data that does not start slurmd", Set.of(org.elasticslurm.scenarios.model.Component.SECOND_HOST),
            c -> "qemu does not stop or restart components in the middle of a run (" + c + "), only the second "
                    + "hypervisor host (second-host, with provisioner hosts: 2)",
            "qemu runs commands on the controller only (the run's ssh key reaches the guests: see the module README)",
            Optional.empty(), Optional.empty());

    private static final Path DEBIAN_SLURMCTLD = Path.of("/usr/sbin/slurmctld");
    private final ControllerKind controller;
    private final Clock clock;
    private final Path scratchParent;
    private final List<String> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param controller which slurmctld runs, @param clock the lab's clock, @param scratchParent scratch dirs */
    public QemuTarget(ControllerKind controller, Clock clock, Path scratchParent) {
        super(LIMITS);
        this.controller = controller;
        this.clock = clock;
        this.scratchParent = scratchParent;
    }

    /** The system clock, scratch directories in /tmp. */
    public static QemuTarget standard(ControllerKind controller) {
        return new QemuTarget(controller, Clock.systemUTC(), Path.of("/tmp"));
    }

    /**
     * The names of the runs this target opened, in order: each run's domains are {@code <run>-<node>}, its storage
     * pool {@code <run>}, its lab namespace {@code esl-<run>} (what a check for leftovers of these runs looks for,
     * without mistaking another process's runs for them).
     */
    public List<String> runs() {
        return List.copyOf(runs);
    }

    /** Which controller it runs. */
    public ControllerKind controller() {
        return controller;
    }

    /**
     * This target for {@code version}: itself for 22.05, the one version it runs (Debian 12's slurmctld and the
     * guest image's slurmd, or fake-slurmctld emulating 22.05 beside the guest's fake slurmd).
     *
     * @throws IllegalArgumentException (a usage error) for any other version, naming the versions it runs
     */
    @Override
    public org.elasticslurm.scenarios.target.Target forVersion(SlurmVersion version, Map<String, String> env) {
        if (version == SlurmVersion.V22_05) {
            return this;
        }
        throw new IllegalArgumentException("--slurm-version " + version + ": the qemu target (--controller "
                + controller.word() + ") runs Slurm " + SlurmVersion.V22_05 + " only (Debian 12's slurmctld and "
                + "the guest image's slurmd); Slurm " + version + " runs on --target real-slurm");
    }

    /** With Debian's slurmctld: what its {@code slurmctld -V} prints (or why not); with the fake: emulated. */
    @Override
    public SlurmctldVersion slurmctld() {
        return controller == ControllerKind.REAL ? SlurmctldVersion.read(DEBIAN_SLURMCTLD)
                : new SlurmctldVersion.Emulated();
    }

    @Override
    public Optional<String> slurmctldVersion() {
        return slurmctld().printed();
    }

    /** What this machine lacks for the target with this controller, or empty. */
    public Optional<String> missing() {
        return QemuRequirements.missing(controller, GUEST_BUNDLE);
    }

    @Override
    public TargetSession open(LoadedScenario loaded, ProgressListener progress) {
        missing().ifPresent(why -> {
            throw new TargetUnavailableException(TargetKind.QEMU, why);
        });
        Scenario scenario = loaded.scenario();
        Optional<ProvisionerSetup> setup = scenario.provisioner().isPresent() ? Optional.of(setupOf(scenario))
                : Optional.empty();
        if (setup.isEmpty()) {
            persistentGuestsRefused(loaded).ifPresent(why -> {
                throw new TargetException(scenario.name() + ": " + why, null);
            });
        }
        Path root = RepositoryRoot.find().orElseThrow();
        Path ci = root.resolve("ci");
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String run = "eq" + HexFormat.of().formatHex(random);
        runs.add(run);
        Path dir = LabFiles.scratch(scratchParent, "eslq-");
        NamedProcesses processes = new NamedProcesses();
        LabTeardown teardown = new LabTeardown(scenario.name() + " on qemu");
        boolean keepLab = Boolean.getBoolean(LabFiles.KEEP_PROPERTY);
        teardown.add(() -> LabFiles.remove(dir, keepLab));
        if (!keepLab) {
            // done just before the removal, after the rest is undone: the guests are gone (their consoles
            // complete), slurmctld and the provisioner have stopped
            Path kept = FailedRunFiles.destination(FailedRunFiles.base(System.getProperties()), scenario.name(), run);
            teardown.addOnFailure(new FailedRunFiles(scenario.name() + " on qemu", dir, KEPT_ON_FAILURE, kept,
                    System.err));
        }
        List<Stage> setupStages = new ArrayList<>();
        Instant t0 = clock.instant();
        try {
            for (String sub : List.of("state", "log", "hooks", "jobs", "consoles")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            progress.waiting("guest image (ci/guest-image/build.sh: minutes on a new machine)", Duration.ZERO);
            Path image = Path.of(Shell.check(List.of(ci.resolve("guest-image/build.sh").toString()), Map.of(),
                    Duration.ofMinutes(30)).strip().lines().reduce((a, b) -> b).orElseThrow());
            Instant t = stage(setupStages, "guest image (build or cache)", t0, t0);

            NetLab net = NetLab.up(ci, "esl-" + run);
            teardown.add(net);
            NetNs netns = NetNs.of(net.netns());
            RenderedConf conf = new ConfTemplate(scenario.name() + " slurm.conf", LabFiles.slurmConfText(scenario))
                    .renderForMachines(dir, ConfTemplate.localHost(), net.gateway());
            Map<String, String> addresses = new LinkedHashMap<>();
            for (int i = 0; i < conf.nodes().size(); i++) {
                net.reserve(conf.nodes().get(i), i + 1);
                addresses.put(conf.nodes().get(i), net.addressOf(conf.nodes().get(i)));
            }
            GuestAccess access = GuestAccess.create(dir, run, addresses);
            teardown.add(access::endConnectionMasters);
            t = stage(setupStages, "lab network " + net.netns() + " up", t0, t);

            LibvirtRun libvirt = LibvirtRun.create(run, image);
            teardown.add(libvirt);
            t = stage(setupStages, "storage pool " + run + " with the base image", t0, t);
            Optional<SecondHost> second = Optional.empty();
            if (setup.isPresent() && setup.get().hosts() == 2) {
                second = Optional.of(teardown.add(SecondHost.up(ci, net.netns(), run, image)));
                t = stage(setupStages, "second host " + second.get().uri() + " with storage pool " + run, t0, t);
            }

            Path confFile = dir.resolve("slurm.conf");
            Files.writeString(confFile, conf.text());
            HookClients hooks = new HookClients(setup.isPresent() ? dir.resolve("provisioner/clients")
                    : dir.resolve("hooks"));
            if (setup.isPresent()) {
                hooks.writePrograms(loaded, dir);
            } else {
                new AnsibleHooks(dir.resolve("hooks/hook-calls"), access).writePrograms(loaded, dir);
            }

            Optional<FakeSlurm> fake = controller == ControllerKind.FAKE
                    ? Optional.of(FakeSlurm.locate(TargetKind.QEMU)) : Optional.empty();
            Map<String, String> env = fake.map(f -> f.environment(confFile, SlurmVersion.V22_05)).orElseGet(() -> Map.of(
                    "PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "SLURM_CONF", confFile.toString(), "LANG", "C.UTF-8"));
            String scontrol = fake.map(f -> f.command("scontrol").toString()).orElse("/usr/bin/scontrol");
            String slurmctld = fake.map(f -> f.command("slurmctld").toString()).orElse(DEBIAN_SLURMCTLD.toString());
            processes.start("slurmctld", netns.wrap(List.of(slurmctld, "-D", "-f", confFile.toString())), env, dir,
                    dir.resolve("log/slurmctld.out"));
            teardown.add(processes);
            awaitController(netns, scontrol, env, processes, dir);
            t = stage(setupStages, "slurmctld (" + controller.word() + ") answering in " + net.netns(), t0, t);

            Set<String> never = setup.isPresent() ? neverRegister(scenario, conf.nodes())
                    : new LinkedHashSet<>(conf.nodes()); // persistent guests: the hooks start slurmd
            Map<String, String> vars = Map.of("never_register", never.isEmpty() ? "none" : String.join(" ", never),
                    "ssh_authorized_key", access.publicKey());
            String template = QemuResources.text("user-data-" + controller.word() + ".yaml");
            byte[] mungeKey = Files.readAllBytes(Path.of("/etc/munge/munge.key"));
            Set<String> ownDomains = new HashSet<>();
            Set<String> ownVolumes = new HashSet<>();
            List<String> definedNodes = setup.map(s -> ExistingDomains.names(s.pools().stream()
                    .filter(p -> p.mode() == ProvisionerSetup.Mode.EXISTING).map(ProvisionerSetup.Pool::nodes)
                    .toList())).orElse(conf.nodes());
            Map<String, String> taps = new LinkedHashMap<>();
            for (int i = 0; i < definedNodes.size(); i++) {
                String node = definedNodes.get(i);
                String domain = libvirt.domain(node);
                taps.put(node, run + "x" + i);
                ExistingDomains.define(libvirt, image, node, net.macOf(node), taps.get(node),
                        ExistingDomains.render(template, node, mungeKey, conf.text(), vars),
                        QemuPoolProperties.MEMORY_MIB, dir,
                        dir.resolve("consoles"));
                ownDomains.add(domain);
                ownVolumes.add(domain + ".qcow2");
                ownVolumes.add(domain + "-seed.iso");
            }
            if (!definedNodes.isEmpty()) {
                t = stage(setupStages, (setup.isPresent() ? "existing" : "persistent") + " domains defined: "
                        + Hostlist.of(definedNodes).compress(), t0, t);
            }

            Optional<ProvisionerService> service = Optional.empty();
            LabProcesses marked = new LabProcesses(dir);
            if (setup.isPresent()) {
                service = Optional.of(startProvisioner(setup.get(), new QemuPoolProperties(run, dir, image,
                        uris(second), net.hosts(), QemuPoolProperties.attachWrapper(ci, dir, net, second),
                        QemuPoolProperties.writeUserData(dir, template),
                        vars, fake.map(f -> f.bin().getParent().resolve(GUEST_BUNDLE))), image, dir, confFile,
                        scontrol, netns, hooks, teardown));
                t = stage(setupStages, "provisioner ready in " + net.netns() + ", hook clients installed", t0, t);
                if (second.isEmpty() && setup.get().pools().stream()
                        .anyMatch(p -> p.mode() == ProvisionerSetup.Mode.CREATE)) {
                    // the backend probes KVM once for its create pools (domain-type auto); a create would wait
                    String verdict = service.get().awaitKvmVerdict(Duration.ofSeconds(60));
                    stage(setupStages, "provisioner's KVM probe: " + verdict.split(":")[0], t0, t);
                }
            } else {
                // what the hooks started (ansible, its ssh connection masters) is ended by PID at the end
                teardown.add(() -> marked.sweepMarked());
                PersistentGuests.start(libvirt, net, ci, access, taps, GuestAccess.sshDeadline());
                stage(setupStages, "persistent guests answering ssh: " + Hostlist.of(definedNodes).compress(), t0, t);
            }

            Instant zero = clock.instant();
            ScontrolProbe probe = new ScontrolProbe(netns.wrap(List.of(scontrol)), env, conf.nodes());
            LabJobs jobs = new LabJobs(processes, netns::wrap, env, dir.resolve("jobs"),
                    () -> Duration.between(zero, clock.instant()), c -> fake.map(f -> f.command(c).toString())
                    .orElse("/usr/bin/" + c)).inDirectory(Path.of("/tmp"));
            Map<String, String> macs = new LinkedHashMap<>();
            conf.nodes().forEach(n -> macs.put(n, net.macOf(n)));
            QemuGuests guests = new QemuGuests(libvirt, second, ownDomains, ownVolumes, net.events(), macs);
            List<Stage> shifted = setupStages.stream().map(s -> new Stage(s.node(), s.name(),
                    s.start().minus(Duration.between(t0, zero)), s.duration())).toList();
            DefunctProcesses defunct = new DefunctProcesses(Path.of("/proc"));
            return new ProvisionedLabSession(new ProvisionedLabSession.Parts(clock, zero, probe, service, hooks,
                    jobs, guests, dir.resolve("log/slurmctld.log"), netns::wrap, env, scontrol, shifted,
                    Duration.ofSeconds(1), teardown, () -> Optional.of(defunct.childrenOf(marked.markedPids()))));
        } catch (IOException | RuntimeException e) {
            throw teardown.abandon(scenario.name() + ": cannot set up the qemu lab", e);
        }
    }

    /**
     * Why a scenario without a provisioner section cannot run on persistent guests, or empty: its hooks must be
     * presets that reach the guests ({@link AnsibleHooks}), and the guests run the image's slurmd 22.05, which
     * only Debian's slurmctld talks to.
     */
    Optional<String> persistentGuestsRefused(LoadedScenario loaded) {
        Optional<String> hooks = AnsibleHooks.unsupported(loaded);
        if (hooks.isPresent()) {
            return hooks;
        }
        if (controller == ControllerKind.FAKE) {
            return Optional.of("on qemu a scenario without a provisioner: section runs on persistent guests whose "
                    + "hooks start the guest image's slurmd 22.05, which only Debian's slurmctld talks to: run it "
                    + "with --controller real");
        }
        return Optional.empty();
    }

    private static List<String> uris(Optional<SecondHost> second) {
        List<String> uris = new ArrayList<>(List.of(LibvirtRun.URI));
        second.ifPresent(h -> uris.add(h.uri()));
        return uris;
    }

    private static ProvisionerService startProvisioner(ProvisionerSetup setup, QemuPoolProperties pools, Path image,
                                                       Path dir, Path confFile, String scontrol, NetNs netns,
                                                       HookClients hooks, LabTeardown teardown) throws IOException {
        String kernelArgs = Files.readString(image.resolve("cmdline")).strip();
        ProvisionerApp app = ProvisionerApp.locate(TargetKind.QEMU);
        ProvisionerService service = ProvisionerService.start(app, dir.resolve("provisioner"), confFile,
                Path.of(scontrol), pools.of(setup, kernelArgs), netns, Duration.ofMinutes(3));
        teardown.add(service);
        hooks.install(app, service);
        return service;
    }

    /** Adds a set-up stage from {@code from} to now (its start counted from {@code t0}); returns now. */
    private Instant stage(List<Stage> stages, String name, Instant t0, Instant from) {
        Instant now = clock.instant();
        stages.add(new Stage("", name, Duration.between(t0, from), Duration.between(from, now)));
        return now;
    }

    /** The nodes a never-registers fault names (set up before the run: the user-data is fixed at start). */
    static Set<String> neverRegister(Scenario scenario, List<String> all) {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : scenario.steps()) {
            if (s instanceof Step.InjectFault f && f.fault() == FaultKind.NEVER_REGISTERS) {
                out.addAll(f.nodes().map(h -> Hostlist.parse(h).names()).orElse(all));
            }
        }
        return out;
    }

    private static void awaitController(NetNs netns, String scontrol, Map<String, String> env,
                                        NamedProcesses processes, Path dir) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            CommandResult r = CommandResult.run(netns.wrap(List.of(scontrol, "ping")), env, Path.of("/tmp"),
                    Duration.ofSeconds(20));
            if (r.exitCode() == 0 && r.stdout().contains("is UP")) {
                return;
            }
            if (!processes.running("slurmctld")) {
                throw new TargetException("slurmctld exited while starting:\n"
                        + Files.readString(dir.resolve("log/slurmctld.out")), null);
            }
            LabFiles.pause(Duration.ofMillis(500));
        }
        throw new TargetException("slurmctld did not answer scontrol ping within 90 s:\n"
                + Files.readString(dir.resolve("log/slurmctld.out")), null);
    }
}
