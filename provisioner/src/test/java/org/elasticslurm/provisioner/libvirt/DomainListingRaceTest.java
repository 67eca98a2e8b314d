package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticslurm.testsupport.TestDriverHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing domains while others stop: a domain that stops between libvirt's list of running domains and its list
 * of defined ones is in both, and must still be listed once (the chaos run saw a node with "two domains").
 */
@RequiresLibvirtLibrary
class DomainListingRaceTest {
    private static final int DOMAINS = 20;
    private static final int LISTINGS = 100;

    @TempDir
    Path dir;

    @Test
    void aDomainThatStopsWhileTheHostIsListedIsListedOnce() throws Exception {
        try (LibvirtHypervisor host = LibvirtHypervisor.open(TestDriverHost.withCpus(64).memoryMiB(65536)
                .write(dir, "h"))) {
            for (int i = 0; i < DOMAINS; i++) {
                host.define(new DomainSpec("r" + i, "test", "i686", 16, 1, Optional.empty(), List.of(),
                        Optional.empty(), Optional.empty(), false, Optional.empty()));
                host.start("r" + i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread toggler = new Thread(() -> {
                for (int round = 0; !stop.get(); round++) {
                    String name = "r" + (round % DOMAINS);
                    host.destroy(name);
                    host.start(name);
                }
            }, "toggler");
            toggler.start();
            List<String> doubled = new ArrayList<>();
            try {
                for (int i = 0; i < LISTINGS && doubled.isEmpty(); i++) {
                    Set<String> names = new HashSet<>();
                    host.domains().stream().map(DomainSummary::name).filter(n -> !names.add(n))
                            .forEach(doubled::add);
                }
            } finally {
                stop.set(true);
                toggler.join();
            }

            assertThat(doubled).as("domains listed twice").isEmpty();
        }
    }
}
