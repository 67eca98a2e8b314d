package org.elasticslurm.provisioner.cloudinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.process.ProcessCommand;
import org.elasticslurm.provisioner.process.ProcessOutcome;
import org.elasticslurm.provisioner.process.ProcessStartException;
import org.elasticslurm.provisioner.process.SupervisedProcess;

/**
 * Makes a NoCloud seed ISO with genisoimage (volume id {@code cidata}, Joliet and Rock Ridge), run with an
 * argument vector in a private scratch directory that is removed afterwards.
 */
public final class SeedIsoBuilder {
    /** The volume label cloud-init's NoCloud datasource looks for. */
    public static final String VOLUME_ID = "cidata";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SupervisedProcess runner;
    private final Path genisoimage;
    private final Path scratch;

    /**
     * @param runner runs genisoimage
     * @param genisoimage absolute path of genisoimage
     * @param scratch directory for the temporary files (e.g. {@code java.io.tmpdir})
     */
    public SeedIsoBuilder(SupervisedProcess runner, Path genisoimage, Path scratch) {
        this.runner = runner;
        this.genisoimage = genisoimage;
        this.scratch = scratch;
    }

    /**
     * Builds the ISO image.
     *
     * @return its bytes
     * @throws SeedException when genisoimage is missing, fails or runs out of time
     */
    public byte[] build(NoCloudSeed seed) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(scratch, "seed-");
            List<String> argv = new ArrayList<>(List.of(genisoimage.toString(), "-quiet", "-output", "seed.iso",
                    "-volid", VOLUME_ID, "-joliet", "-rock", "-input-charset", "utf-8", "user-data", "meta-data"));
            Files.writeString(dir.resolve("user-data"), seed.userData(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("meta-data"), seed.metaData(), StandardCharsets.UTF_8);
            if (seed.networkConfig().isPresent()) {
                Files.writeString(dir.resolve("network-config"), seed.networkConfig().get(), StandardCharsets.UTF_8);
                argv.add("network-config");
            }
            ProcessOutcome outcome = runner.run(
                    ProcessCommand.of(argv, ProcessCommand.minimalEnvironment(), TIMEOUT).in(dir));
            if (!outcome.succeeded()) {
                throw new SeedException(outcome.summary() + ": " + outcome.output().strip(), null);
            }
            return Files.readAllBytes(dir.resolve("seed.iso"));
        } catch (IOException e) {
            throw new SeedException("cannot write the seed files under " + scratch + ": " + e.getMessage(), e);
        } catch (ProcessStartException e) {
            throw new SeedException(e.getMessage() + " (install genisoimage)", e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new SeedException("cannot remove the scratch directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
