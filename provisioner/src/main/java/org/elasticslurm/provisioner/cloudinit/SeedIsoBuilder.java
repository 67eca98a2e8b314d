package org.elasticslurm.provisioner.cloudinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.process.ProcessCommand;
import org.elasticslurm.provisioner.process.ProcessOutcome;
import org.elasticslurm.provisioner.process.ProcessStartException;
import org.elasticslurm.provisioner.process.SupervisedProcess;

/**
 * Makes a NoCloud seed ISO with genisoimage (volume id {@code cidata}, Joliet and Rock Ridge), run with an
 * argument vector in a private scratch directory that is removed afterwards, or written in memory by
 * {@link IsoImage} ({@link #builtIn}, no process, Rock Ridge names only). Further files (e.g. a tarball the
 * guest's user-data installs) can be put beside the cloud-init files.
 */
public final class SeedIsoBuilder {
    /** The volume label cloud-init's NoCloud datasource looks for. */
    public static final String VOLUME_ID = "cidata";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SupervisedProcess runner;
    private final Path genisoimage;
    private final Path scratch;
    private final Optional<Clock> builtIn;

    /**
     * A builder that runs genisoimage.
     *
     * @param runner runs genisoimage
     * @param genisoimage absolute path of genisoimage
     * @param scratch directory for the temporary files (e.g. {@code java.io.tmpdir})
     */
    public SeedIsoBuilder(SupervisedProcess runner, Path genisoimage, Path scratch) {
        this(runner, genisoimage, scratch, Optional.empty());
    }

    private SeedIsoBuilder(SupervisedProcess runner, Path genisoimage, Path scratch, Optional<Clock> builtIn) {
        this.runner = runner;
        this.genisoimage = genisoimage;
        this.scratch = scratch;
        this.builtIn = builtIn;
    }

    /**
     * A builder that writes the image itself ({@link IsoImage}: Rock Ridge names, no Joliet), without a process.
     *
     * @param clock the recording time of the images
     */
    public static SeedIsoBuilder builtIn(Clock clock) {
        return new SeedIsoBuilder(new SupervisedProcess(clock), Path.of("/usr/bin/genisoimage"), Path.of("/"),
                Optional.of(clock));
    }

    /**
     * Builds the ISO image.
     *
     * @return its bytes
     * @throws SeedException when genisoimage is missing, fails or runs out of time
     */
    public byte[] build(NoCloudSeed seed) {
        return build(seed, Map.of());
    }

    /**
     * Builds the ISO image with further files beside the cloud-init ones.
     *
     * @param files name on the ISO to the file to copy there (names as {@link SeedFiles} allows)
     * @return its bytes
     * @throws SeedException when a name breaks the rules, a file cannot be read, or genisoimage fails
     */
    public byte[] build(NoCloudSeed seed, Map<String, Path> files) {
        List<String> problems = SeedFiles.problems("seed-files", files);
        if (!problems.isEmpty()) {
            throw new SeedException(String.join("; ", problems), null);
        }
        if (builtIn.isPresent()) {
            return writeBuiltIn(seed, files, builtIn.get());
        }
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
            for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
                copy(f.getKey(), f.getValue(), dir);
                argv.add(f.getKey());
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

    private static byte[] writeBuiltIn(NoCloudSeed seed, Map<String, Path> files, Clock clock) {
        Map<String, byte[]> content = new TreeMap<>();
        content.put("meta-data", seed.metaData().getBytes(StandardCharsets.UTF_8));
        content.put("user-data", seed.userData().getBytes(StandardCharsets.UTF_8));
        seed.networkConfig().ifPresent(n -> content.put("network-config", n.getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, Path> f : files.entrySet()) {
            try {
                content.put(f.getKey(), Files.readAllBytes(f.getValue()));
            } catch (IOException e) {
                throw new SeedException("seed file \"" + f.getKey() + "\": cannot read " + f.getValue() + ": " + e, e);
            }
        }
        return IsoImage.write(VOLUME_ID, content, clock.instant());
    }

    private static void copy(String name, Path source, Path dir) {
        try {
            Files.copy(source, dir.resolve(name));
        } catch (IOException e) {
            throw new SeedException("seed file \"" + name + "\": cannot copy " + source + ": " + e, e);
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
