package org.elasticslurm.scenarios.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;

/** Finds and loads the scenario a command names. */
final class ScenarioFiles {
    private static final Pattern LEVEL = Pattern.compile("level[0-3]");

    private ScenarioFiles() {
    }

    /** {@code level0}..{@code level3} from the levels directory, else an existing file; empty when neither. */
    static Optional<Path> resolve(String name, LabContext ctx) {
        if (LEVEL.matcher(name).matches()) {
            return Optional.of(ctx.levelsDir().resolve(name + ".yaml"));
        }
        Path file = Path.of(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Parses and checks against its slurm.conf. */
    static LoadedScenario load(Path file, LabContext ctx) {
        return new ScenarioChecker(ctx.confParser()).check(new ScenarioParser().parse(file));
    }
}
