package org.elasticslurm.scenarios.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SimSettings;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads scenario files (format: the module's README). Every problem fails the whole file with a
 * {@link ScenarioException} at {@code file:line:column}; a returned {@link Scenario} is complete and valid on
 * its own. Checks that need the slurm.conf (node names, hook paths) are {@link ScenarioChecker}'s.
 */
public final class ScenarioParser {
    /** The keys of a scenario file's top level. */
    public static final List<String> TOP_KEYS = List.of("name", "description", "targets", "slurm-conf", "hooks",
            "provisioner", "sim", "steps", "expect", "timeout");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    /**
     * Parses a scenario file.
     *
     * @throws ScenarioException for the first problem, at its position
     */
    public Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(Position.wholeFile(file), "cannot read the scenario file: " + e,
                    Optional.empty(), List.of(), e);
        }
        return parse(text, file);
    }

    /**
     * Parses scenario text as if read from {@code file} (relative paths in it resolve against the file's
     * directory).
     *
     * @throws ScenarioException for the first problem, at its position
     */
    public Scenario parse(String text, Path file) {
        YamlMap top = YamlMap.of(file, compose(text, file), "scenario");
        top.allowOnly(TOP_KEYS);
        top.require("name", "slurm-conf", "steps");

        String name = top.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw top.error("name", "bad name '" + name + "': a scenario name is letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit (it names report files)");
        }
        String description = top.string("description").orElse("");
        List<TargetKind> targets = top.has("targets") ? targets(top) : List.of(TargetKind.SIM);
        SlurmConfSource conf = slurmConf(top, text);
        Map<HookRole, HookSpec> hooks = top.has("hooks") ? hooks(top.map("hooks", "hooks")) : Map.of();
        Optional<ProvisionerSetup> provisioner = top.has("provisioner")
                ? Optional.of(provisioner(top.map("provisioner", "provisioner"))) : Optional.empty();
        SimSettings sim = top.has("sim") ? sim(top.map("sim", "sim")) : SimSettings.defaults();
        List<Step> steps = new StepParser(file).parse(top.sequence("steps"));
        List<org.elasticslurm.scenarios.model.Expectation> expectations = top.has("expect")
                ? new ExpectationParser(file, steps).parse(top.sequence("expect")) : List.of();
        Optional<Duration> timeout = top.duration("timeout");
        return new Scenario(file, name, description, conf, hooks, targets, provisioner, sim, steps, expectations,
                timeout);
    }

    private static Node compose(String text, Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(4 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options, new DumperOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null ? Position.wholeFile(file)
                    : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ScenarioException(at, "not valid YAML: " + problem
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""), Optional.empty(), List.of(), e);
        } catch (YAMLException e) {
            throw new ScenarioException(Position.wholeFile(file), "not valid YAML: " + e.getMessage(),
                    Optional.empty(), List.of(), e);
        }
        if (root == null) {
            throw new ScenarioException(Position.wholeFile(file), "the file is empty; a scenario needs at least "
                    + "the keys name, slurm-conf and steps");
        }
        return root;
    }

    private static List<TargetKind> targets(YamlMap top) {
        List<TargetKind> targets = new ArrayList<>();
        List<String> allowed = Keywords.all(TargetKind.values());
        for (ScalarNode item : top.scalarList("targets")) {
            TargetKind kind = Keywords.parse(item.getValue(), TargetKind.values()).orElseThrow(() ->
                    new ScenarioException(YamlMap.position(top.file(), item), "unknown target '" + item.getValue()
                            + "' in targets" + Suggestions.closest(item.getValue(), allowed)
                            .map(s -> "; did you mean '" + s + "'?").orElse("") + "; allowed: "
                            + String.join(", ", allowed), Optional.of("targets"), allowed, null));
            if (targets.contains(kind)) {
                throw new ScenarioException(YamlMap.position(top.file(), item), "target '" + kind
                        + "' is listed twice in targets");
            }
            targets.add(kind);
        }
        if (targets.isEmpty()) {
            throw top.error("targets", "targets is empty; allowed: " + String.join(", ", allowed));
        }
        return targets;
    }

    private static SlurmConfSource slurmConf(YamlMap top, String yamlText) {
        YamlMap conf = top.map("slurm-conf", "slurm-conf");
        conf.allowOnly(List.of("file", "text"));
        if (conf.has("file") == conf.has("text")) {
            throw new ScenarioException(conf.position(), "slurm-conf takes exactly one of 'file' (a path relative "
                    + "to this file) or 'text' (the slurm.conf lines, as a literal block 'text: |')",
                    Optional.of("slurm-conf"), List.of("file", "text"), null);
        }
        if (conf.has("text")) {
            ScalarNode text = conf.scalarNode("text");
            if (text.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL) {
                int firstLine = text.getStartMark().getLine() + 2;
                return new SlurmConfSource.Inline(text.getValue(), firstLine, indentOf(yamlText, firstLine) + 1,
                        conf.valuePosition("text"));
            }
            if (text.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED
                    || text.getStartMark().getLine() != text.getEndMark().getLine()) {
                throw conf.error("text", "slurm-conf text must be a literal block ('text: |' followed by the "
                        + "indented slurm.conf lines) so that its lines keep their line breaks and numbers");
            }
            return new SlurmConfSource.Inline(text.getValue() + "\n", text.getStartMark().getLine() + 1,
                    text.getStartMark().getColumn() + 1, conf.valuePosition("text"));
        }
        Path path = top.file().resolveSibling(conf.requiredString("file"));
        if (!Files.isRegularFile(path)) {
            throw conf.error("file", "slurm-conf file '" + conf.requiredString("file") + "' not found (looked for "
                    + path + ")");
        }
        return new SlurmConfSource.File(path, conf.valuePosition("file"));
    }

    private static int indentOf(String text, int line) {
        String[] lines = text.split("\n", -1);
        if (line - 1 >= lines.length) {
            return 0;
        }
        String l = lines[line - 1];
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A hook written as {@code resume: absent}: no program is installed. */
    static final String ABSENT = "absent";

    private static Map<HookRole, HookSpec> hooks(YamlMap hooks) {
        hooks.allowOnly(Keywords.all(HookRole.values()));
        Map<HookRole, HookSpec> out = new EnumMap<>(HookRole.class);
        for (HookRole role : HookRole.values()) {
            if (hooks.has(role.keyword())) {
                out.put(role, hook(hooks, role));
            }
        }
        return out;
    }

    private static HookSpec hook(YamlMap hooks, HookRole role) {
        String key = role.keyword();
        Node value = hooks.node(key);
        if (value instanceof ScalarNode scalar && scalar.getValue().equals(ABSENT)) {
            return new HookSpec.Absent(hooks.valuePosition(key));
        }
        if (value instanceof ScalarNode) {
            return new HookSpec.Preset(preset(hooks, key, role), OptionalInt.empty(), hooks.valuePosition(key));
        }
        YamlMap spec = hooks.map(key, "hook " + key);
        spec.allowOnly(List.of("preset", "program", "mode"));
        if (spec.has("preset") == spec.has("program")) {
            throw new ScenarioException(spec.position(), "hook " + key + " takes exactly one of 'preset' (one of "
                    + String.join(", ", Keywords.all(HookPreset.values())) + ") or 'program' (a path)",
                    Optional.of(key), List.of("preset", "program"), null);
        }
        OptionalInt mode = OptionalInt.empty();
        if (spec.has("mode")) {
            String text = spec.requiredString("mode");
            if (!MODE.matcher(text).matches()) {
                throw spec.error("mode", "bad mode '" + text + "' for hook " + key + ": an octal file mode such as "
                        + "0755 or 0775");
            }
            mode = OptionalInt.of(Integer.parseInt(text, 8));
        }
        if (spec.has("preset")) {
            return new HookSpec.Preset(preset(spec, "preset", role), mode, spec.position());
        }
        String written = spec.requiredString("program");
        Path program = hooks.file().resolveSibling(written);
        if (!Files.isRegularFile(program)) {
            throw spec.error("program", "hook program '" + written + "' for " + key + " not found (looked for "
                    + program + ")");
        }
        return new HookSpec.Program(program, mode, spec.position());
    }

    private static HookPreset preset(YamlMap map, String key, HookRole role) {
        HookPreset preset = map.keyword(key, HookPreset.values(), "hook preset");
        if (!preset.fits(role)) {
            List<String> fitting = java.util.Arrays.stream(HookPreset.values()).filter(p -> p.fits(role))
                    .map(HookPreset::keyword).toList();
            throw new ScenarioException(map.valuePosition(key), "hook preset '" + preset + "' cannot serve as the "
                    + role + " program; presets for " + role + ": " + String.join(", ", fitting), Optional.of(key),
                    fitting, null);
        }
        return preset;
    }

    private static SimSettings sim(YamlMap sim) {
        sim.allowOnly(List.of("boot-delay", "seed"));
        SimSettings defaults = SimSettings.defaults();
        long seed = defaults.seed();
        if (sim.has("seed")) {
            String text = sim.requiredString("seed");
            try {
                seed = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw sim.error("seed", "'seed' in sim must be a whole number, found '" + text + "'");
            }
        }
        return new SimSettings(sim.duration("boot-delay").orElse(defaults.bootDelay()), seed);
    }

    private static ProvisionerSetup provisioner(YamlMap prov) {
        prov.allowOnly(List.of("pools", "properties", "hosts"));
        prov.require("pools");
        int hosts = prov.has("hosts") ? hostNumber(prov, "hosts", ProvisionerSetup.MAX_HOSTS,
                "provisioner hosts is the number of hypervisor hosts") : 1;
        YamlMap pools = prov.map("pools", "provisioner pools");
        List<ProvisionerSetup.Pool> out = new ArrayList<>();
        for (String name : pools.keys()) {
            if (!NAME.matcher(name).matches()) {
                throw new ScenarioException(pools.keyPosition(name), "bad pool name '" + name + "': letters, digits, "
                        + "'.', '_' and '-'");
            }
            YamlMap pool = pools.map(name, "pool " + name);
            pool.allowOnly(List.of("nodes", "mode", "post-config", "host"));
            java.util.OptionalInt host = pool.has("host") ? java.util.OptionalInt.of(hostNumber(pool, "host", hosts,
                    "host of pool " + name + " is the hypervisor host its machines are pinned to (provisioner hosts: "
                            + hosts + ")")) : java.util.OptionalInt.empty();
            pool.require("nodes", "mode");
            List<String> postConfig = pool.has("post-config")
                    ? pool.scalarList("post-config").stream().map(ScalarNode::getValue).toList() : List.of();
            if (!postConfig.isEmpty() && !postConfig.get(0).startsWith("/")) {
                throw pool.error("post-config", "post-config of pool " + name + " must start with an absolute path "
                        + "(it runs without a shell or PATH), found '" + postConfig.get(0) + "'");
            }
            out.add(new ProvisionerSetup.Pool(name, pool.requiredString("nodes"),
                    pool.keyword("mode", ProvisionerSetup.Mode.values(), "pool mode"), postConfig, host,
                    pool.position()));
        }
        if (out.isEmpty()) {
            throw prov.error("pools", "provisioner pools is empty; declare at least one pool");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (prov.has("properties")) {
            YamlMap props = prov.map("properties", "provisioner properties");
            for (Map.Entry<String, Node> e : props.entries().entrySet()) {
                if (!e.getKey().startsWith("provisioner.")) {
                    throw new ScenarioException(props.keyPosition(e.getKey()), "provisioner property '" + e.getKey()
                            + "' must start with 'provisioner.' (e.g. provisioner.sim.boot-delay)",
                            Optional.of(e.getKey()), List.of(), null);
                }
                if (!(e.getValue() instanceof ScalarNode s)) {
                    throw props.error(e.getKey(), "provisioner property '" + e.getKey() + "' must be a single value");
                }
                properties.put(e.getKey(), s.getValue());
            }
        }
        return new ProvisionerSetup(out, properties, hosts, prov.position());
    }

    /** A whole number 1..max under {@code key}; the error says what it is. */
    private static int hostNumber(YamlMap map, String key, int max, String what) {
        String v = map.requiredString(key);
        if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
            throw map.error(key, what + ": a whole number 1.." + max + ", found '" + v + "'");
        }
        return Integer.parseInt(v);
    }
}
