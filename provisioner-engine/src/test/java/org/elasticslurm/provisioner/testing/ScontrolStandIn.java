package org.elasticslurm.provisioner.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/** The stand-in scontrol of src/test/resources/standin, installed in a directory with its state files. */
public final class ScontrolStandIn {
    public final Path scontrol;
    public final Path slurmConf;

    public ScontrolStandIn(Path dir, String slurmConfText, List<String> knownNodes) {
        try {
            Files.createDirectories(dir);
            scontrol = dir.resolve("scontrol");
            try (InputStream in = ScontrolStandIn.class.getResourceAsStream("/standin/scontrol")) {
                Files.copy(in, scontrol, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
            slurmConf = dir.resolve("slurm.conf");
            Files.writeString(slurmConf, slurmConfText);
            Files.write(sibling(".nodes"), knownNodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path sibling(String suffix) {
        return slurmConf.resolveSibling(slurmConf.getFileName() + suffix);
    }

    public void down(boolean down) throws IOException {
        if (down) {
            Files.writeString(sibling(".down"), "");
        } else {
            Files.deleteIfExists(sibling(".down"));
        }
    }

    public void show(String output) throws IOException {
        Files.writeString(sibling(".show"), output);
    }

    /** Every invocation, as its argument list. */
    public List<List<String>> calls() throws IOException {
        Path calls = sibling(".calls");
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls).stream().map(l -> Arrays.asList(l.substring(1).split("\\|", -1))).toList();
    }
}
