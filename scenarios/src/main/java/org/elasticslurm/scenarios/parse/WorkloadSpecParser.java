package org.elasticslurm.scenarios.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.workload.GeneratedWorkload;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a generated-workload spec (YAML):
 * <pre>
 * jobs: 200            # how many
 * mean-interval: 30s   # mean time between submits (Poisson arrivals)
 * nodes: 1-4           # nodes per job, uniform (or one number)
 * runtime: 2m-30m      # run time, uniform (or one duration)
 * cpus-per-node: 1     # processors per node a job asks for (default 1)
 * seed: 1              # random seed (default 1)
 * </pre>
 * Errors name {@code file:line:column}, the key and the rule.
 */
public final class WorkloadSpecParser {
    static final List<String> KEYS = List.of("jobs", "mean-interval", "nodes", "runtime", "cpus-per-node", "seed");

    /** Parses a spec file. @throws ScenarioException for the first problem */
    public GeneratedWorkload parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(Position.wholeFile(file), "cannot read the workload spec: " + e,
                    Optional.empty(), List.of(), e);
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ScenarioException(new Position(file, e.getProblemMark().getLine() + 1,
                    e.getProblemMark().getColumn() + 1), "not valid YAML: " + e.getProblem(), Optional.empty(),
                    List.of(), e);
        }
        if (root == null) {
            throw new ScenarioException(Position.wholeFile(file), "the workload spec is empty; keys: "
                    + String.join(", ", KEYS));
        }
        YamlMap m = YamlMap.of(file, root, "workload spec");
        m.allowOnly(KEYS);
        m.require("jobs", "mean-interval", "nodes", "runtime");
        int jobs = m.integer("jobs", 1).getAsInt();
        Duration mean = m.duration("mean-interval").orElseThrow();
        int[] nodes = intRange(m, "nodes");
        Duration[] runtime = durationRange(m, "runtime");
        int cpus = m.integer("cpus-per-node", 1).orElse(1);
        long seed = m.has("seed") ? m.integer("seed", 0).getAsInt() : 1;
        return new GeneratedWorkload(jobs, mean, nodes[0], nodes[1], runtime[0], runtime[1], cpus, seed);
    }

    private static int[] intRange(YamlMap m, String key) {
        String text = m.requiredString(key);
        String[] parts = text.split("-", -1);
        try {
            int lo = Integer.parseInt(parts[0].strip());
            int hi = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : lo;
            if (parts.length > 2 || lo < 1 || hi < lo) {
                throw new NumberFormatException();
            }
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw m.error(key, "bad value '" + text + "' for '" + key + "': a count or a range LOW-HIGH with "
                    + "1 <= LOW <= HIGH (e.g. 1-4)");
        }
    }

    private static Duration[] durationRange(YamlMap m, String key) {
        String text = m.requiredString(key);
        String[] parts = text.split("-", -1);
        try {
            Duration lo = Durations.parse(parts[0].strip());
            Duration hi = parts.length == 2 ? Durations.parse(parts[1].strip()) : lo;
            if (parts.length > 2 || hi.compareTo(lo) < 0 || lo.isZero()) {
                throw new IllegalArgumentException("need 0 < LOW <= HIGH");
            }
            return new Duration[] {lo, hi};
        } catch (IllegalArgumentException e) {
            throw m.error(key, "bad value '" + text + "' for '" + key + "': a duration or a range LOW-HIGH (e.g. "
                    + "2m-30m): " + e.getMessage());
        }
    }
}
