package org.elasticslurm.provisioner.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.libvirt.DomainSummary;

/** What the hypervisor shows of a chaos run's owner: nodes seen with two domains at once, and what was left. */
final class ChaosDomainChecks {
    /** The wait between two polls; {@code Thread.sleep} outside tests. */
    interface Pause {
        void pause(Duration length) throws InterruptedException;
    }

    static final Duration POLL = Duration.ofMillis(250);

    private final Supplier<List<DomainSummary>> observer;
    private final Pause pause;
    private final String owner;
    private final List<String> notes;
    private final Set<String> duplicates = ConcurrentHashMap.newKeySet();

    /** @param observer the hypervisor's domains (a connection of the run's own, not the service's) */
    ChaosDomainChecks(Supplier<List<DomainSummary>> observer, String owner, List<String> notes) {
        this(observer, owner, notes, length -> Thread.sleep(length.toMillis()));
    }

    ChaosDomainChecks(Supplier<List<DomainSummary>> observer, String owner, List<String> notes, Pause pause) {
        this.observer = observer;
        this.pause = pause;
        this.owner = owner;
        this.notes = notes;
    }

    int duplicates() {
        return duplicates.size();
    }

    /**
     * Polls the owner's domains every 250 ms until interrupted; a node seen with two or more is a duplicate. A
     * failed poll (the observer's connection during a libvirtd restart) waits as long as any other.
     */
    void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                poll();
            } catch (RuntimeException e) {
                // the observer's connection is not what is tested; try again after the pause
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void poll() {
        Map<String, Integer> perNode = new HashMap<>();
        for (DomainSummary d : observer.get()) {
            d.metadata().filter(m -> m.ownedBy(owner))
                    .ifPresent(m -> perNode.merge(m.node(), 1, Integer::sum));
        }
        perNode.forEach((n, c) -> {
            if (c > 1 && duplicates.add(n)) {
                notes.add("node " + n + " had " + c + " domains at once");
            }
        });
    }

    /** The owner's domains, the extra volumes and the seeds left, each noted. */
    int leaks(ChaosHost libvirtd, Path seedDir) throws Exception {
        List<String> left = new ArrayList<>();
        observer.get().stream().filter(d -> d.metadata().filter(m -> m.ownedBy(owner)).isPresent()).forEach(d -> left.add("domain " + d.name()));
        libvirtd.extraVolumes().forEach(v -> left.add("volume " + v));
        try (Stream<Path> seeds = Files.list(seedDir)) {
            seeds.forEach(s -> left.add("seed " + s.getFileName()));
        }
        left.forEach(l -> notes.add("leaked: " + l));
        return left.size();
    }
}
