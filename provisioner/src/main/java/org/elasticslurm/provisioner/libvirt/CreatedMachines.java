package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.jboss.logging.Logger;

/**
 * Level 3: resume creates the node's domain (qcow2 overlay on the base image, NoCloud seed, definition with our
 * metadata and the node's MAC) and starts it; suspend destroys and undefines it and deletes its volumes and
 * seed. The domain name is derived from the node, so a repeated resume finds the domain it created before
 * (on any host) instead of creating a second one. A creation that fails part-way is rolled back.
 */
final class CreatedMachines implements PoolMachines {
    private static final Logger LOG = Logger.getLogger(CreatedMachines.class);

    private final CreatePoolSpec spec;
    private final Fleet fleet;
    private final DomainTypes types;
    private final SeedMaker seeds;
    private final MacAddressPlan macs;
    private final TapNamePlan taps;
    private final TapAttacher attacher;
    private final String owner;

    CreatedMachines(CreatePoolSpec spec, Fleet fleet, DomainTypes types, SeedMaker seeds, MacAddressPlan macs,
                    TapNamePlan taps, TapAttacher attacher, String owner) {
        this.owner = owner;
        this.spec = spec;
        this.fleet = fleet;
        this.types = types;
        this.seeds = seeds;
        this.macs = macs;
        this.taps = taps;
        this.attacher = attacher;
    }

    @Override
    public PoolSpec spec() {
        return spec;
    }

    private record Located(Hypervisor host, DomainSummary domain) {
    }

    /**
     * The node's domain on the pool's hosts. A host that does not answer is passed over when the pool is not pinned
     * to it and the host is known to have no domain of that name (it had none when it last answered a listing, and
     * no creation of it there began since, or this service removed it since): a machine is then made on a host that
     * answers, so a host that is down fails only the nodes whose machines are (or may be) on it.
     */
    private Optional<Located> locate(String name) {
        for (Hypervisor h : fleet.hosts(spec.uri())) {
            Optional<DomainSummary> d;
            try {
                d = h.domain(name);
            } catch (BackendException e) {
                if (spec.uri().isPresent() || !fleet.lastSeenWithout(h.uri(), name)) {
                    throw e;
                }
                LOG.warnf("domain %s: host %s does not answer (%s); it is known to have no such domain, so it is"
                        + " passed over", name, h.uri(), e.getMessage());
                continue;
            }
            if (d.isPresent()) {
                return Optional.of(new Located(h, d.get()));
            }
        }
        return Optional.empty();
    }

    /** Created by this pool for the node, by this service or by a version without owners (never another owner). */
    private boolean ours(DomainSummary d, String node) {
        return d.serves(node, spec.name()) && d.metadata()
                .map(m -> m.origin() == MachineOrigin.CREATED && (m.owner().isEmpty() || m.ownedBy(owner)))
                .orElse(false);
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        String node = request.node();
        String name = spec.domainName(node);
        Optional<Located> found = locate(name);
        if (found.isPresent() && !removedIncomplete(node, found.get())) {
            return resumeExisting(request, found.get());
        }
        String uri = fleet.place(spec.uri(), name, spec.memoryMiB(), spec.vcpus());
        boolean ended = true;
        try {
            return createOn(request, uri, name);
        } catch (RuntimeException e) {
            ended = !leftACallWithoutAnswer(e);
            throw e;
        } finally {
            if (ended) {
                fleet.creationEnded(uri, name);
            } else {
                LOG.warnf("node %s: a call creating domain %s on %s still has no answer; the host counts as having"
                        + " the domain until this service removes it there", node, name, uri);
            }
        }
    }

    /** Whether the rollback of a failed creation found a call it could not undo, since it may still take effect. */
    private static boolean leftACallWithoutAnswer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof StillWithoutAnswer) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A creation step given up whose call still had no answer when the rollback came to undo it. */
    private static final class StillWithoutAnswer extends BackendException {
        StillWithoutAnswer(AbandonedCall call) {
            super("not undone, the call still has no answer (" + call.getMessage() + ")", true, null);
        }
    }

    private Machine createOn(MachineRequest request, String uri, String name) {
        String node = request.node();
        Hypervisor host = fleet.host(uri);
        DomainTypes.Choice choice = types.choose(uri, fleet.capabilities(uri), spec.domainType());
        String mac = macs.macOf(node);
        fleet.macUser(mac).filter(user -> !user.startsWith(name + "@")).ifPresent(user -> {
            throw new BackendException("MAC " + mac + " of node " + node + " is already used by domain " + user
                    + "; fix the node's MAC with a line '<mac>,<ip>," + node + "' in the pool's hosts-file", false,
                    null);
        });
        Optional<String> staticAddress = spec.staticAddresses().addressOf(mac);
        Deque<Runnable> undo = new ArrayDeque<>();
        List<String> notes;
        try {
            notes = create(request, host, name, choice, mac, staticAddress, undo);
        } catch (RuntimeException e) {
            rollBack(undo, e);
            throw e instanceof BackendException b ? b
                    : new BackendException("creating " + name + " on " + uri + ": " + e.getMessage(), false, e);
        }
        LOG.infof("node %s: created and started domain %s (type %s, MAC %s) on %s", node, name, choice.type(), mac,
                uri);
        return new Machine(node, spec.name(), name + "@" + uri, request.operationId(), true, staticAddress, notes);
    }

    /**
     * Removes a domain of ours that is not running and misses a volume or the seed file its metadata lists: what a
     * rollback left when it could delete some parts but not the domain (the hypervisor went away half-way). Starting
     * it would fail ("Cannot access storage file"); it is made anew instead. Returns whether it was removed.
     */
    private boolean removedIncomplete(String node, Located at) {
        DomainSummary d = at.domain();
        if (d.state().active() || !ours(d, node)) {
            return false;
        }
        DomainMetadata m = d.metadata().orElseThrow();
        List<String> missing = new ArrayList<>();
        m.volumes().stream().filter(v -> at.host().volume(v.storagePool(), v.name()).isEmpty())
                .forEach(v -> missing.add("volume " + v.storagePool() + "/" + v.name()));
        m.seedFile().filter(f -> !Files.exists(Path.of(f))).ifPresent(f -> missing.add("seed " + f));
        if (missing.isEmpty()) {
            return false;
        }
        LOG.warnf("node %s: domain %s on %s misses %s (a creation rolled back half-way); it is removed and made anew",
                node, d.name(), at.host().uri(), String.join(", ", missing));
        remove(at.host(), d);
        fleet.removed(at.host().uri(), d.name());
        return true;
    }

    private Machine resumeExisting(MachineRequest request, Located at) {
        DomainSummary d = at.domain();
        Optional<String> otherOwner = d.metadata().flatMap(DomainMetadata::owner).filter(o -> !o.equals(owner));
        if (otherOwner.isPresent()) {
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " is managed by another"
                    + " provisioner service (owner " + otherOwner.get() + "; this service is " + owner
                    + "); refusing to use or replace it", false, null);
        }
        if (!ours(d, request.node())) {
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " exists but was not created"
                    + " by pool " + spec.name() + " for node " + request.node() + " (its metadata: "
                    + d.metadata().map(DomainMetadata::toString).orElse("none") + "); refusing to use or replace it",
                    false, null);
        }
        if (d.state() == DomainState.SHUTTING_DOWN) {
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " is shutting down", true,
                    null);
        }
        if (d.metadata().orElseThrow().owner().isEmpty()) {
            at.host().setMetadata(d.name(), d.metadata().get().withOwner(owner));
            LOG.infof("node %s: domain %s on %s had no owner in its metadata; it is now owned by %s", request.node(),
                    d.name(), at.host().uri(), owner);
        }
        List<String> notes = List.of();
        if (!d.state().active() || (d.state() == DomainState.PAUSED && spec.attach().isPresent())) {
            notes = attacher.start(at.host(), d.name(), request.node(), spec.name(), spec.attach());
        }
        String operation = d.metadata().map(DomainMetadata::operationId).orElse(request.operationId());
        return new Machine(request.node(), spec.name(), d.name() + "@" + at.host().uri(), operation, true,
                staticAddress(request.node(), d), notes);
    }

    /** The static address of a node's domain: by its MAC, or by the planned MAC when it has no interface. */
    private Optional<String> staticAddress(String node, DomainSummary d) {
        return spec.staticAddresses().addressOf(d.macs().isEmpty() ? macs.macOf(node) : d.macs().get(0));
    }

    @Override
    public Optional<String> staticAddressOf(String node, DomainSummary domain) {
        return staticAddress(node, domain);
    }

    private List<String> create(MachineRequest request, Hypervisor host, String name, DomainTypes.Choice choice,
                                String mac, Optional<String> staticAddress, Deque<Runnable> undo) {
        String pool = spec.storagePool();
        String diskName = name + ".qcow2";
        host.deleteVolume(pool, diskName); // left over from a creation interrupted before its definition
        StorageVolume disk = step(undo, () -> host.cloneOverlay(pool, spec.baseImage(), diskName),
                () -> host.deleteVolume(pool, diskName));
        List<VolumeRef> volumes = new ArrayList<>(List.of(new VolumeRef(pool, diskName)));

        byte[] iso = seeds.build(request.node(), instanceId(name, request.operationId()), mac, staticAddress);
        String seedPath;
        Optional<String> seedFile = Optional.empty();
        if (spec.seed().directory().isPresent()) {
            Path file = spec.seed().directory().get().resolve(name + "-seed.iso");
            writeSeed(file, iso);
            undo.push(() -> deleteSeedFile(file));
            seedPath = file.toString();
            seedFile = Optional.of(seedPath);
        } else {
            String seedName = name + "-seed.iso";
            host.deleteVolume(pool, seedName);
            seedPath = step(undo, () -> host.uploadVolume(pool, seedName, iso),
                    () -> host.deleteVolume(pool, seedName)).path();
            volumes.add(new VolumeRef(pool, seedName));
        }

        DomainMetadata metadata = new DomainMetadata(request.node(), spec.name(), request.operationId(),
                MachineOrigin.CREATED, volumes, seedFile, Optional.of(owner));
        DomainSpec domain = new DomainSpec(name, choice.type(), choice.arch(), spec.memoryMiB(), spec.vcpus(),
                spec.boot(), List.of(new DomainSpec.Disk(disk.path(), "qcow2", false, "virtio", false),
                seedDisk(seedPath)),
                spec.network().map(n -> new DomainSpec.Nic(mac, n.kind(),
                        n.kind() == DomainSpec.Nic.Kind.ETHERNET ? taps.tapOf(request.node()) : n.source())),
                spec.consoleLogDirectory().map(d -> d.resolve(name + ".console.log").toString()), spec.guestAgent(),
                Optional.of(metadata));
        try {
            host.define(domain);
        } catch (AbandonedCall e) {
            undo.push(afterEnd(e, () -> host.domain(name).ifPresent(late -> {
                LOG.warnf("node %s: domain %s on %s was defined after its call was given up; it is removed",
                        request.node(), name, host.uri());
                host.destroy(name);
                host.undefine(name);
            })));
            throw e;
        }
        undo.push(() -> host.undefine(name));
        undo.push(() -> host.destroy(name));
        try {
            return attacher.start(host, name, request.node(), spec.name(), spec.attach());
        } catch (AbandonedCall e) {
            undo.push(afterEnd(e, () -> host.destroy(name)));
            throw e;
        }
    }

    /**
     * Runs a step of a creation that makes a volume and pushes its undo, also when the call was given up (no answer
     * within the call timeout): the call may still take effect, so the undo runs after it ended.
     */
    private static <T> T step(Deque<Runnable> undo, Supplier<T> call, Runnable undoStep) {
        T result;
        try {
            result = call.get();
        } catch (AbandonedCall e) {
            undo.push(afterEnd(e, undoStep));
            throw e;
        }
        undo.push(undoStep);
        return result;
    }

    /**
     * The undo of a call given up: it waits for the call to end (the call timeout at most) so that what a late call
     * makes is found and removed instead of being left behind; when the call still has no answer it fails (the
     * rollback goes on, the next attempt or the clean-up finds what is left by name).
     */
    private static Runnable afterEnd(AbandonedCall call, Runnable undoStep) {
        return () -> {
            LOG.infof("%s; waiting for the call to end before undoing it", call.getMessage());
            if (!call.awaitEnd()) {
                throw new StillWithoutAnswer(call);
            }
            undoStep.run();
        };
    }

    private DomainSpec.Disk seedDisk(String path) {
        return switch (spec.seed().bus()) {
            case SCSI -> new DomainSpec.Disk(path, "raw", true, "scsi", true);
            case IDE -> new DomainSpec.Disk(path, "raw", true, "ide", true);
            case SATA -> new DomainSpec.Disk(path, "raw", true, "sata", true);
            case VIRTIO -> new DomainSpec.Disk(path, "raw", false, "virtio", true);
        };
    }

    static String instanceId(String domain, String operation) {
        String id = "i-" + domain + "-" + operation.replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() <= 128 ? id : id.substring(0, 128);
    }

    private static void rollBack(Deque<Runnable> undo, RuntimeException failure) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public Optional<String> address(String node) {
        return locate(spec.domainName(node)).filter(at -> ours(at.domain(), node))
                .flatMap(at -> Addresses.find(at.host(), at.domain(), spec, macs.macOf(node)));
    }

    @Override
    public void release(String node) {
        String name = spec.domainName(node);
        for (Hypervisor host : fleet.hosts(spec.uri())) {
            Optional<DomainSummary> d = host.domain(name);
            if (d.isPresent() && !ours(d.get(), node)) {
                LOG.warnf("node %s: leaving domain %s on %s alone: pool %s of this service (owner %s) did not create"
                        + " it for this node (its metadata: %s)", node, name, host.uri(), spec.name(), owner,
                        d.get().metadata().map(DomainMetadata::toString).orElse("none"));
                continue;
            }
            d.ifPresent(domain -> remove(host, domain));
            fleet.removed(host.uri(), name);
            host.deleteVolume(spec.storagePool(), name + ".qcow2");
            host.deleteVolume(spec.storagePool(), name + "-seed.iso");
        }
        spec.seed().directory().ifPresent(dir -> deleteSeedFile(dir.resolve(name + "-seed.iso")));
    }

    /** Destroys and undefines a created domain and deletes what its metadata lists. */
    static void remove(Hypervisor host, DomainSummary domain) {
        host.destroy(domain.name());
        host.undefine(domain.name());
        domain.metadata().ifPresent(m -> {
            m.volumes().forEach(v -> host.deleteVolume(v.storagePool(), v.name()));
            m.seedFile().map(Path::of).ifPresent(CreatedMachines::deleteSeedFile);
        });
        LOG.infof("removed domain %s and its volumes from %s", domain.name(), host.uri());
    }

    private static void writeSeed(Path file, byte[] iso) {
        try {
            PrivateFiles.write(file, iso);
        } catch (IOException e) {
            throw new BackendException("cannot write seed " + file + ": " + PrivateFiles.reason(e), false, e);
        }
    }

    private static void deleteSeedFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BackendException("cannot delete seed " + file + ": " + PrivateFiles.reason(e), false, e);
        }
    }
}
