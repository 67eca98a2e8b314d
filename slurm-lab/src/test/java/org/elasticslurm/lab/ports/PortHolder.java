package org.elasticslurm.lab.ports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another JVM's lab, for {@link FreePortsTest}: {@code PortHolder LOCK_DIR FIRST-LAST} takes one port of the range,
 * prints it and holds it until its stdin is closed.
 */
public final class PortHolder {

    private PortHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (FreePorts ports = FreePorts.range(args[1], new PortLocks(Path.of(args[0])))) {
            System.out.println(ports.getAsInt());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the port until the parent closes our stdin
            }
        }
    }
}
