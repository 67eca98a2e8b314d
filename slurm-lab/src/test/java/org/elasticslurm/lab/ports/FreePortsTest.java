package org.elasticslurm.lab.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.elasticslurm.lab.real.LabPlacement;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aRangeHandsOutItsFreePortsOnceEachSkippingTakenOnes() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int first = taken.getLocalPort();
            FreePorts ports = FreePorts.range(first + "-" + (first + 3));

            List<Integer> handedOut = IntStream.range(0, 2).map(i -> ports.getAsInt()).boxed().toList();

            assertThat(handedOut).doesNotContain(first).doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(p).isBetween(first + 1, first + 3));
        }
    }

    @Test
    void aRangeWhosePortsAreTakenSaysWhichRange() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            FreePorts ports = FreePorts.range(port + "-" + port);

            assertThatThrownBy(ports::getAsInt).hasMessage("no free port left in " + port + "-" + port + " on 127.0.0.1");
        }
    }

    @Test
    void aMalformedOrReversedRangeIsRefusedNamingTheForm() {
        assertThatThrownBy(() -> FreePorts.range("19100"))
                .hasMessage("port range '19100': expected FIRST-LAST, e.g. 19100-19199");
        assertThatThrownBy(() -> FreePorts.range("19199-19100"))
                .hasMessageContaining("FIRST must not exceed LAST, both within 1024-65535");
        assertThatThrownBy(() -> new LabPlacement(java.nio.file.Path.of("/tmp"), Optional.of("80-90")))
                .hasMessageContaining("port range '80-90'");
    }
}
