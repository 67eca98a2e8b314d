package org.elasticslurm.lab.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.stream.IntStream;
import org.elasticslurm.lab.real.LabPlacement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void twoLabsOfOneJvmAreNeverHandedTheSamePortOfARange(@TempDir Path locks) {
        int start = freeRangeStart();
        String range = start + "-" + (start + 40);
        try (FreePorts first = FreePorts.range(range, new PortLocks(locks));
             FreePorts second = FreePorts.range(range, new PortLocks(locks))) {
            int a = first.getAsInt();
            int b = second.getAsInt();

            assertThat(b).isNotEqualTo(a);
        }
    }

    @Test
    void aPortIsHandedOutAgainOnceTheLabHoldingItHasClosed(@TempDir Path locks) {
        int port;
        int start = freeRangeStart();
        String range = start + "-" + (start + 40);
        try (FreePorts first = FreePorts.range(range, new PortLocks(locks))) {
            port = first.getAsInt();
        }
        try (FreePorts second = FreePorts.range(port + "-" + port, new PortLocks(locks))) {
            assertThat(second.getAsInt()).isEqualTo(port);
        }
    }

    @Test
    void aPortHeldByALabOfAnotherJvmIsNotHandedOut(@TempDir Path locks) throws IOException, InterruptedException {
        int start = freeRangeStart();
        String range = start + "-" + (start + 40);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PortHolder.class.getName(), locks.toString(), range).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int heldThere = Integer.parseInt(new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine().strip());
            try (FreePorts here = FreePorts.range(range, new PortLocks(locks))) {
                assertThat(here.getAsInt()).isNotEqualTo(heldThere);
            }
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the other JVM ends when its stdin closes").isTrue();
        }
    }

    /** A port the system considers free now: the ranges of these tests start there. */
    private static int freeRangeStart() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return Math.min(probe.getLocalPort(), 65535 - 40);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
