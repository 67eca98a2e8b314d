package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.config.LibvirtPoolConfig;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.pool.Pool;
import org.elasticslurm.provisioner.pool.PoolMode;
import org.elasticslurm.provisioner.pool.Pools;

/**
 * What the libvirt backend will need, checked before the service needs it: every hypervisor answers, every pool's
 * settings are valid, its storage pool, base image, network and domains exist, and the files and directories its
 * machines are made from can be used. Each problem is one line naming the key and what is wrong.
 */
public final class LibvirtPreflight {
    private LibvirtPreflight() {
    }

    /** Every problem found; empty when the backend has what it needs. */
    public static List<String> problems(ProvisionerConfig config, Pools pools) {
        List<String> p = new ArrayList<>();
        try {
            LibvirtConfigMapping.pools(pools.all().values(), config.pools());
        } catch (IllegalStateException e) {
            for (String one : e.getMessage().replaceFirst("^libvirt pool settings: ", "").split("; ")) {
                p.add(one);
            }
        }
        Map<String, Hypervisor> hosts = new LinkedHashMap<>();
        try {
            for (String uri : config.libvirt().uris()) {
                try {
                    Hypervisor h = LibvirtHypervisor.open(uri);
                    hosts.put(uri, h);
                } catch (BackendException | UnsatisfiedLinkError e) {
                    p.add("provisioner.libvirt.uris: " + uri + " cannot be reached: " + e.getMessage());
                }
            }
            for (Pool pool : pools.all().values()) {
                pool(pool, config.pools().get(pool.name()).machine(), hosts, config.libvirt().uris(), p);
            }
        } finally {
            hosts.values().forEach(Hypervisor::close);
        }
        return p;
    }

    private static void pool(Pool pool, LibvirtPoolConfig c, Map<String, Hypervisor> hosts, List<String> uris, List<String> p) {
        String key = "provisioner.pools." + pool.name() + ".";
        if (c.uri().isPresent() && !uris.contains(c.uri().get())) {
            p.add(key + "uri: " + c.uri().get() + " is not one of provisioner.libvirt.uris " + uris);
        }
        List<Hypervisor> candidates = c.uri().map(u -> Optional.ofNullable(hosts.get(u)).stream().toList())
                .orElse(List.copyOf(hosts.values()));
        c.hostsFile().ifPresent(f -> readable(key + "hosts-file", f, p));
        c.attachCommand().ifPresent(argv -> executable(key + "attach-command", argv, p));
        pool.postConfig().command().ifPresent(argv -> executable(key + "post-config.command", argv, p));
        if (pool.mode() == PoolMode.EXISTING) {
            for (String node : pool.nodes()) {
                String domain = c.domain().replace("{node}", node);
                if (!candidates.isEmpty() && candidates.stream().noneMatch(h -> exists(() -> h.domain(domain)))) {
                    p.add(key + "domain: no domain " + domain + " (node " + node + ") on " + names(candidates));
                }
            }
            return;
        }
        c.baseImage().ifPresent(image -> {
            for (Hypervisor h : candidates) {
                try {
                    if (h.volume(c.storagePool(), image).isEmpty()) {
                        p.add(key + "base-image: no volume " + image + " in storage pool " + c.storagePool() + " on "
                                + h.uri());
                    }
                } catch (BackendException e) {
                    p.add(key + "storage-pool: " + c.storagePool() + " on " + h.uri() + ": " + e.getMessage());
                }
            }
        });
        if (!c.ethernet() && c.bridge().isEmpty() && !c.network().equals("none")) {
            for (Hypervisor h : candidates) {
                try {
                    h.dhcpLeases(c.network());
                } catch (BackendException e) {
                    // only a failed lookup means a missing network; a driver without leases found it
                    if (e.getMessage().contains("looking up network")) {
                        p.add(key + "network: " + c.network() + " on " + h.uri() + ": " + e.getMessage());
                    }
                }
            }
        }
        readable(key + "munge-key", c.mungeKey(), p);
        c.userData().ifPresent(f -> readable(key + "user-data", f, p));
        c.kernel().ifPresent(f -> readable(key + "kernel", f, p));
        c.initrd().ifPresent(f -> readable(key + "initrd", f, p));
        c.seedDirectory().ifPresent(d -> writableDirectory(key + "seed-directory", d, p));
        c.consoleLog().ifPresent(d -> {
            if (!Files.isDirectory(d)) {
                p.add(key + "console-log: " + d + " is not a directory");
            }
        });
    }

    private interface Lookup {
        Optional<?> get();
    }

    private static boolean exists(Lookup l) {
        try {
            return l.get().isPresent();
        } catch (BackendException e) {
            return false;
        }
    }

    private static String names(List<Hypervisor> hosts) {
        return String.join(", ", hosts.stream().map(Hypervisor::uri).toList());
    }

    private static void readable(String key, Path f, List<String> p) {
        if (!Files.exists(f)) {
            p.add(key + ": " + f + " does not exist");
        } else if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
            p.add(key + ": " + f + " is not a readable file (for user " + System.getProperty("user.name") + ")");
        }
    }

    private static void executable(String key, List<String> argv, List<String> p) {
        if (argv.isEmpty()) {
            return;
        }
        Path f = Path.of(argv.get(0));
        if (!Files.isRegularFile(f) || !Files.isExecutable(f)) {
            p.add(key + ": " + f + " is not an executable file");
        }
    }

    /** A directory the service writes into: it must exist (the service does not create it) and be writable. */
    static void writableDirectory(String key, Path d, List<String> p) {
        if (!Files.isDirectory(d)) {
            p.add(key + ": " + d + " does not exist or is not a directory (create it, writable by the service's user)");
        } else if (!Files.isWritable(d)) {
            p.add(key + ": " + d + " is not writable by user " + System.getProperty("user.name"));
        }
    }
}
