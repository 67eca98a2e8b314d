package org.elasticslurm.lab.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.elasticslurm.lab.real.LabPlacement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    @Test
    void aRangeHandsOutItsFreePortsOnceEachSkippingTakenOnes(@TempDir Path locks) throws IOException {
        try (ServerSocket taken = new ServerSocket();
             FreePorts ports = FreePorts.range(bound(taken) + "-" + (taken.getLocalPort() + 3), new PortLocks(locks))) {
            int first = taken.getLocalPort();

            List<Integer> handedOut = IntStream.range(0, 2).map(i -> ports.getAsInt()).boxed().toList();

            assertThat(handedOut).doesNotContain(first).doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(p).isBetween(first + 1, first + 3));
        }
    }

    @Test
    void aRangeWhosePortsAreTakenSaysWhichRange(@TempDir Path locks) throws IOException {
        try (ServerSocket taken = new ServerSocket();
             FreePorts ports = FreePorts.range(bound(taken) + "-" + taken.getLocalPort(), new PortLocks(locks))) {
            int port = taken.getLocalPort();

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

    @Test
    void closingReleasesEveryPortEvenWhenReleasingOneFailsAndReportsEachFailure() {
        List<Integer> released = new ArrayList<>();

        assertThatThrownBy(() -> FreePorts.closeEach(List.of(1, 2, 3, 4), port -> {
            if (port % 2 == 0) {
                throw new IllegalStateException("cannot release " + port);
            }
            released.add(port);
        })).hasMessage("cannot release 2")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("cannot release 4"));
        assertThat(released).containsExactly(1, 3);
    }

    @Test
    void theLockDirectoryAndItsFilesAreWritableByEveryUserWhateverTheUmask(@TempDir Path tmp) throws IOException {
        Path locks = tmp.resolve("locks");
        int start = freeRangeStart();
        try (FreePorts ports = FreePorts.range(start + "-" + (start + 40), new PortLocks(locks))) {
            int port = ports.getAsInt();

            assertThat(Integer.toOctalString((int) Files.getAttribute(locks, "unix:mode") % 010000)).isEqualTo("1777");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(locks.resolve(port + ".lock"))))
                    .isEqualTo("rw-rw-rw-");
        }
    }

    @Test
    void aLabOfAnotherUserReservesAPortThisUserReservedAndReleasedBefore(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(setpriv),
                "needs root and setpriv to run a JVM as user nobody");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path locks = tmp.resolve("locks");
        int start = freeRangeStart();
        int port;
        try (FreePorts mine = FreePorts.range(start + "-" + (start + 40), new PortLocks(locks))) {
            port = mine.getAsInt();
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = codeSource(PortHolder.class) + ":" + codeSource(FreePorts.class);
        Process other = new ProcessBuilder(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                java, "-cp", classPath, PortHolder.class.getName(), locks.toString(), port + "-" + port)
                .redirectErrorStream(true).start();
        try {
            String answer = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();

            assertThat(answer).as("the port the other user's lab was handed").isEqualTo(Integer.toString(port));
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the other JVM ends when its stdin closes").isTrue();
        }
    }

    private static String codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    private static int bound(ServerSocket socket) throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket.getLocalPort();
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
        assertThatThrownBy(() -> new LabPlacement(Path.of("/tmp"), Optional.of("80-90")))
                .hasMessageContaining("port range '80-90'");
    }
}
