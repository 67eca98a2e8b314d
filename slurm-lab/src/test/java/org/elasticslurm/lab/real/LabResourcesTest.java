package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.ports.PortLocks;
import org.elasticslurm.lab.process.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabResourcesTest {

    @TempDir
    Path tmp;

    @Test
    void aTeardownThatFailsStillReleasesThePortsAndRemovesTheShutdownHookAndKeepsTheDirectory() throws IOException {
        Path locks = tmp.resolve("locks");
        Path labDir = Files.createDirectories(tmp.resolve("lab"));
        int start = freePort();
        String range = start + "-" + (start + 20);
        FreePorts ports = FreePorts.range(range, new PortLocks(locks));
        int port = ports.getAsInt();
        LabResources resources = new LabResources(labDir, ports);
        resources.tearDownAtExit(() -> { });

        assertThatThrownBy(() -> resources.close(() -> {
            throw new LabException("slurmctld did not end");
        })).hasMessage("slurmctld did not end");

        try (FreePorts next = FreePorts.range(port + "-" + port, new PortLocks(locks))) {
            assertThat(next.getAsInt()).as("the failed lab's port is free for the next lab").isEqualTo(port);
        }
        assertThat(resources.exitHook().registered()).as("shutdown hook still registered").isFalse();
        assertThat(labDir).as("kept for looking into the failure").isDirectory();
    }

    @Test
    void aTeardownThatSucceedsReleasesEverythingAndDeletesTheDirectory() throws IOException {
        Path locks = tmp.resolve("locks");
        Path labDir = Files.createDirectories(tmp.resolve("lab"));
        int start = freePort();
        FreePorts ports = FreePorts.range(start + "-" + (start + 20), new PortLocks(locks));
        int port = ports.getAsInt();
        LabResources resources = new LabResources(labDir, ports);
        resources.tearDownAtExit(() -> { });

        resources.close(() -> { });

        try (FreePorts next = FreePorts.range(port + "-" + port, new PortLocks(locks))) {
            assertThat(next.getAsInt()).isEqualTo(port);
        }
        assertThat(resources.exitHook().registered()).isFalse();
        assertThat(labDir).doesNotExist();
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return Math.min(probe.getLocalPort(), 65535 - 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
