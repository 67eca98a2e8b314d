package org.elasticslurm.lab.real;

import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.lab.ports.FreePorts;

/**
 * Where labs go on this machine: the directory their lab directories are made in, and the ports their daemons
 * take (any free port, or only those of a range, for a machine shared by several people).
 *
 * @param parent     where lab directories are made (keep it short: slurmd's unix socket paths are limited)
 * @param portRange  {@code FIRST-LAST}, or empty for any free port
 */
public record LabPlacement(Path parent, Optional<String> portRange) {

    /** System property naming the parent directory of the lab directories (default {@code /tmp}). */
    public static final String PARENT_PROPERTY = "differential.labs";
    /** System property with the port range the labs keep to (default: any free port). */
    public static final String PORTS_PROPERTY = "differential.ports";

    public LabPlacement {
        portRange.ifPresent(FreePorts::range);
    }

    /** Labs under {@code parent}, any free port. */
    public static LabPlacement under(Path parent) {
        return new LabPlacement(parent, Optional.empty());
    }

    /** From {@code -Ddifferential.labs=DIR} and {@code -Ddifferential.ports=FIRST-LAST}; /tmp and any port if unset. */
    public static LabPlacement fromSystemProperties() {
        String parent = System.getProperty(PARENT_PROPERTY, "");
        String ports = System.getProperty(PORTS_PROPERTY, "");
        return new LabPlacement(Path.of(parent.isBlank() ? "/tmp" : parent),
                ports.isBlank() ? Optional.empty() : Optional.of(ports));
    }

    /** A fresh port source for one lab: the ports it hands out stay reserved until it is closed. */
    FreePorts ports() {
        return portRange.map(FreePorts::range).orElseGet(FreePorts::new);
    }
}
