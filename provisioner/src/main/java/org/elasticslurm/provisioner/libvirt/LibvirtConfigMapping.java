package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.cloudinit.SeedFiles;
import org.elasticslurm.provisioner.config.LibvirtPoolConfig;
import org.elasticslurm.provisioner.config.Owner;
import org.elasticslurm.provisioner.config.PoolConfig;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.pool.Pool;
import org.elasticslurm.provisioner.pool.PoolMode;

/** Turns the service configuration into the plain settings of this package, naming every bad key at once. */
final class LibvirtConfigMapping {
    /** Name of the KVM verdict file, in the directory of the operation log, when none is configured. */
    static final String DEFAULT_KVM_VERDICT_FILE = "kvm-verdict.properties";

    private final List<String> problems = new ArrayList<>();

    static LibvirtSettings settings(ProvisionerConfig config, Owner owner) {
        ProvisionerConfig.Libvirt l = config.libvirt();
        LibvirtSettings.SeedWriter writer;
        try {
            writer = LibvirtSettings.SeedWriter.valueOf(l.seedWriter().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("provisioner.libvirt.seed-writer: must be one of [builtin, genisoimage] ("
                    + l.seedWriter() + ")", e);
        }
        return new LibvirtSettings(l.uris(), l.qemu(), l.kvmProbeTimeout(), l.kvmProbeKernel(), l.genisoimage(),
                l.capacityRefresh(), Path.of(System.getProperty("java.io.tmpdir")), config.slurmConf(), writer,
                owner.name(), Optional.of(l.kvmVerdictFile()
                        .orElseGet(() -> config.operationLog().resolveSibling(DEFAULT_KVM_VERDICT_FILE))),
                l.callTimeout(), l.tcgHosts().orElse(List.of()));
    }

    /**
     * The pools as specs.
     *
     * @throws IllegalStateException listing every bad pool key and the rule it breaks
     */
    static List<PoolSpec> pools(Iterable<Pool> pools, Map<String, PoolConfig> configured) {
        LibvirtConfigMapping m = new LibvirtConfigMapping();
        List<PoolSpec> specs = new ArrayList<>();
        for (Pool p : pools) {
            m.pool(p, configured.get(p.name()).machine()).ifPresent(specs::add);
        }
        if (!m.problems.isEmpty()) {
            throw new IllegalStateException("libvirt pool settings: " + String.join("; ", m.problems));
        }
        return specs;
    }

    private Optional<PoolSpec> pool(Pool pool, LibvirtPoolConfig c) {
        String key = "provisioner.pools." + pool.name() + ".";
        int before = problems.size();
        StaticAddressMap addresses = attempt(key + "mac-ip/hosts-file",
                () -> StaticAddressMap.of(c.macIp(), c.hostsFile()));
        Optional<AttachCommand> attach = c.attachCommand().flatMap(argv -> Optional.ofNullable(attempt(
                key + "attach-command", () -> new AttachCommand(argv, c.attachTimeout()))));
        if (pool.mode() == PoolMode.EXISTING) {
            if (c.ethernet()) {
                problems.add(key + "ethernet: only for mode create (an existing domain's interface is defined by"
                        + " its administrator; attach-command finds its ethernet interface in the live definition)");
            }
            if (!c.seedFiles().isEmpty()) {
                problems.add(key + "seed-files: only for mode create (existing domains get no seed)");
            }
            ExistingPoolSpec spec = attempt(key + "domain", () -> new ExistingPoolSpec(pool.name(), pool.nodes(),
                    c.uri(), c.domain(), c.shutdownGrace(), addresses, c.guestAgent(), attach));
            return problems.size() == before ? Optional.of(spec) : Optional.empty();
        }
        problems.addAll(SeedFiles.problems(key + "seed-files", c.seedFiles()));
        if (c.ethernet() && c.bridge().isPresent()) {
            problems.add(key + "ethernet: cannot be combined with bridge (" + c.bridge().get() + "): the interface is"
                    + " either a tap of its own or a port of a host bridge");
        }
        if (c.ethernet() && c.network().equals("none")) {
            problems.add(key + "ethernet: cannot be combined with network=none (no interface)");
        }
        if (c.ethernet()) {
            attempt(key + "tap-prefix", () -> {
                TapNamePlan.requirePrefix(c.tapPrefix());
                return null;
            });
            if (c.attachCommand().isEmpty()) {
                problems.add(key + "ethernet=true needs " + key + "attach-command (libvirt creates the tap"
                        + " unconnected; the command connects it while the domain is paused)");
            }
        } else if (c.attachCommand().isPresent()) {
            problems.add(key + "attach-command: needs " + key + "ethernet=true in mode create (it connects the tap"
                    + " of an interface of type ethernet)");
        }
        if (c.baseImage().isEmpty()) {
            problems.add(key + "base-image: required in mode create (a qcow2 volume in storage pool "
                    + c.storagePool() + ")");
        }
        if (c.kernel().isEmpty() && (c.initrd().isPresent() || c.kernelArgs().isPresent())) {
            problems.add(key + "kernel: initrd and kernel-args need a kernel for direct boot");
        }
        CreatePoolSpec.NetworkConfigMode networkConfig = choice(key + "network-config", c.networkConfig(),
                CreatePoolSpec.NetworkConfigMode.class);
        CreatePoolSpec.SeedBus bus = choice(key + "seed-bus", c.seedBus(), CreatePoolSpec.SeedBus.class);
        DomainTypePolicy type = choice(key + "domain-type", c.domainType(), DomainTypePolicy.class);
        if (problems.size() != before) {
            return Optional.empty();
        }
        Optional<DomainSpec.DirectBoot> boot = c.kernel().map(k -> new DomainSpec.DirectBoot(k.toString(),
                c.initrd().map(Path::toString), c.kernelArgs()));
        Optional<CreatePoolSpec.Network> network = c.ethernet()
                ? Optional.of(CreatePoolSpec.Network.ethernet(c.tapPrefix()))
                : c.bridge().map(b -> new CreatePoolSpec.Network(b, true))
                .or(() -> c.network().equals("none") ? Optional.empty()
                        : Optional.of(new CreatePoolSpec.Network(c.network(), false)));
        CreatePoolSpec.Seed seed = new CreatePoolSpec.Seed(c.userData(), c.mungeKey(), c.userDataVars(),
                networkConfig, c.staticPrefix(), c.gateway(), c.dns().orElse(List.of()), bus, c.seedDirectory(),
                c.seedFiles());
        CreatePoolSpec spec = attempt(key.substring(0, key.length() - 1), () -> new CreatePoolSpec(pool.name(),
                pool.nodes(), c.uri(), c.domain(), c.storagePool(), c.baseImage().get(), c.memory(), c.vcpus(), type,
                boot, network, c.macPrefix(), seed, addresses, c.guestAgent(), c.consoleLog(), attach));
        return problems.size() == before ? Optional.of(spec) : Optional.empty();
    }

    private <T> T attempt(String key, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    private <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E v : type.getEnumConstants()) {
                allowed.add(v.name().toLowerCase(Locale.ROOT));
            }
            problems.add(key + ": must be one of " + allowed + " (" + value + ")");
            return null;
        }
    }
}
