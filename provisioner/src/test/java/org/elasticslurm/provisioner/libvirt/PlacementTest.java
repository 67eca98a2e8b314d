package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static HostCapacity host(String uri, int cpus, long memMiB, long freeMiB, int usedVcpus, long usedMiB) {
        return new HostCapacity(uri, cpus, memMiB * 1024, freeMiB * 1024, usedVcpus, usedMiB * 1024);
    }

    @Test
    void aHostWhereTheMachineFitsBeatsARoomierOneWhereItDoesNot() {
        HostCapacity manyCpusNoMemory = host("a", 64, 4096, 0, 0, 3900);
        HostCapacity enough = host("b", 2, 2048, 0, 1, 0);

        assertThat(Placement.choose(List.of(manyCpusNoMemory, enough), 1024, 1)).contains(enough);
    }

    @Test
    void reportedFreeMemoryCapsTheAllocationEstimate() {
        HostCapacity busy = host("a", 8, 65536, 1024, 0, 0); // the host itself uses most of its memory
        HostCapacity idle = host("b", 8, 16384, 15000, 0, 0);

        assertThat(busy.memoryHeadroomKiB()).isEqualTo(1024 * 1024);
        assertThat(Placement.choose(List.of(busy, idle), 2048, 1)).contains(idle);
    }

    @Test
    void whenNothingFitsTheRoomiestHostIsChosenAndTiesKeepConfigurationOrder() {
        HostCapacity a = host("a", 1, 1024, 0, 1, 512);
        HostCapacity b = host("b", 1, 1024, 0, 1, 512);

        assertThat(Placement.choose(List.of(a, b), 4096, 2)).contains(a);
        assertThat(Placement.choose(List.of(), 1, 1)).isEmpty();
    }

    @Test
    void reservingShrinksTheHeadroom() {
        HostCapacity h = host("a", 4, 8192, 6000, 0, 0).reserve(2048, 2);

        assertThat(h.vcpuHeadroom()).isEqualTo(2);
        assertThat(h.memoryHeadroomKiB()).isEqualTo((6000 - 2048) * 1024L);
    }
}
