package org.elasticslurm.scenarios.parse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.NodeStatePattern;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
import org.elasticslurm.scenarios.model.WaitCondition;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code steps:} list. A step is a mapping with exactly one action key ({@code submit},
 * {@code slurmd}, ...), the keys that action takes, and the common {@code id}, {@code at} and {@code versions}.
 */
final class StepParser {
    /** The action keys with the extra keys each takes, in the order the README documents them. */
    static final Map<String, List<String>> ACTIONS = actions();
    static final List<String> COMMON = List.of("id", "at", "versions");
    static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** scontrol update keys a step may set (lower case, as scontrol accepts them in any case). */
    static final List<String> SCONTROL_KEYS = List.of("nodename", "state", "nodeaddr", "nodehostname", "reason",
            "weight");
    /** The node states {@code scontrol update} accepts. */
    static final List<String> SCONTROL_STATES = List.of("POWER_DOWN", "POWER_DOWN_ASAP", "POWER_DOWN_FORCE",
            "POWER_UP", "RESUME", "DOWN", "DRAIN", "FAIL", "UNDRAIN", "IDLE", "FUTURE", "NORESP", "CANCEL_REBOOT");
    static final List<String> SLURMD_FLAGS = List.of("-b");

    private final Path file;
    private final Set<String> ids = new HashSet<>();
    private final List<String> jobIds = new ArrayList<>();
    private int jobs;

    StepParser(Path file) {
        this.file = file;
    }

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> a = new LinkedHashMap<>();
        a.put("submit", List.of());
        a.put("slurmd", List.of("flags"));
        a.put("run", List.of("on", "expect-exit", "background"));
        a.put("wait", List.of("timeout"));
        a.put("advance", List.of());
        a.put("scontrol", List.of());
        a.put("stop", List.of("node"));
        a.put("restart", List.of("node"));
        a.put("fault", List.of("nodes", "times", "delay"));
        a.put("mark", List.of());
        a.put("log", List.of("timeout"));
        return java.util.Collections.unmodifiableMap(a);
    }

    List<Step> parse(SequenceNode steps) {
        if (steps.getValue().isEmpty()) {
            throw new ScenarioException(YamlMap.position(file, steps), "steps is empty; a scenario does at least "
                    + "one thing");
        }
        List<Step> out = new ArrayList<>();
        Optional<Duration> lastAt = Optional.empty();
        for (int i = 0; i < steps.getValue().size(); i++) {
            YamlMap step = YamlMap.of(file, steps.getValue().get(i), "step " + (i + 1));
            String action = action(step);
            YamlMap s = YamlMap.of(file, steps.getValue().get(i), action + " step");
            s.allowOnly(Stream.of(List.of(action), ACTIONS.get(action), COMMON).flatMap(List::stream).toList());
            Optional<Duration> at = s.duration("at");
            if (at.isPresent() && lastAt.isPresent() && at.get().compareTo(lastAt.get()) < 0) {
                throw s.error("at", "at " + Durations.format(at.get()) + " is earlier than the previous step's at "
                        + Durations.format(lastAt.get()) + "; steps run in file order");
            }
            lastAt = at.isPresent() ? at : lastAt;
            Optional<String> id = s.string("id");
            if (id.isEmpty() && action.equals("submit")) {
                id = Optional.of("job" + (++jobs));
            } else if (action.equals("submit")) {
                jobs++;
            }
            if (id.isPresent()) {
                checkId(s, id.get());
            }
            if (action.equals("submit")) {
                jobIds.add(id.orElseThrow());
            }
            if (action.equals("run") && background(s)) {
                if (id.isEmpty()) {
                    throw s.error("background", "a run in the background needs an id (wait: {job: ID} waits for "
                            + "its end)");
                }
                jobIds.add(id.get());
            }
            Set<SlurmVersion> versions = VersionsKey.read(s);
            if (!versions.isEmpty() && id.isPresent()) {
                throw s.error(s.has("id") ? "id" : action, "a step of some Slurm versions only ('versions:') has no "
                        + "id: later steps and expectations that name it would find no such step on the other "
                        + "versions" + (action.equals("submit") ? " (a submit step always has one, job1, ...)" : ""));
            }
            out.add(step(s, action, new StepHeader(id, at, s.position(), versions)));
        }
        return out;
    }

    private String action(YamlMap step) {
        List<String> present = step.keys().stream().filter(ACTIONS::containsKey).toList();
        if (present.size() > 1) {
            throw new ScenarioException(step.keyPosition(present.get(1)), "step has two actions, '" + present.get(0)
                    + "' and '" + present.get(1) + "'; a step does one thing (write two steps)",
                    Optional.of(present.get(1)), List.copyOf(ACTIONS.keySet()), null);
        }
        if (present.isEmpty()) {
            List<String> allKeys = Stream.concat(ACTIONS.keySet().stream(), COMMON.stream()).toList();
            step.allowOnly(allKeys);
            throw new ScenarioException(step.position(), "step has no action; one of: "
                    + String.join(", ", ACTIONS.keySet()), Optional.empty(), List.copyOf(ACTIONS.keySet()), null);
        }
        return present.get(0);
    }

    private void checkId(YamlMap s, String id) {
        String key = s.has("id") ? "id" : s.keys().get(0);
        if (!ID.matcher(id).matches()) {
            throw s.error(key, "bad id '" + id + "': an id is letters, digits, '_' and '-', starting with a letter");
        }
        if (!ids.add(id)) {
            throw s.error(key, "id '" + id + "' is used by an earlier step; ids must be unique"
                    + (s.has("id") ? "" : " (submit steps are job1, job2, ... unless they set an id)"));
        }
    }

    private Step step(YamlMap s, String action, StepHeader h) {
        return switch (action) {
            case "submit" -> submit(s, h);
            case "slurmd" -> slurmd(s, h);
            case "run" -> new Step.RunCommand(h, s.requiredString("run"), s.string("on").map(n -> node(s, "on", n))
                    .orElse("controller"), s.has("expect-exit") ? s.integer("expect-exit", 0) : OptionalInt.of(0),
                    background(s));
            case "mark" -> new Step.Mark(h, s.requiredString("mark"));
            case "log" -> logLines(s, h);
            case "wait" -> waitFor(s, h);
            case "advance" -> new Step.Advance(h, s.duration("advance").orElseThrow());
            case "scontrol" -> scontrol(s, h);
            case "stop" -> {
                Component c = s.keyword("stop", Component.values(), "component");
                yield new Step.Stop(h, c, componentNode(s, c));
            }
            case "restart" -> {
                Component c = s.keyword("restart", Component.values(), "component");
                yield new Step.Restart(h, c, componentNode(s, c));
            }
            case "fault" -> fault(s, h);
            default -> throw new IllegalStateException("action without parser: " + action);
        };
    }

    private Step submit(YamlMap s, StepHeader h) {
        List<String> words = words(s, "submit");
        if (words.isEmpty() || !List.of("srun", "sbatch").contains(words.get(0))) {
            String first = words.isEmpty() ? "" : words.get(0);
            throw new ScenarioException(s.valuePosition("submit"), "unknown submit command '" + first
                    + "'; allowed: srun, sbatch (e.g. 'submit: srun -w node1 hostname')", Optional.of("submit"),
                    List.of("srun", "sbatch"), null);
        }
        if (words.size() == 1) {
            throw s.error("submit", words.get(0) + " needs arguments (e.g. '" + words.get(0)
                    + (words.get(0).equals("srun") ? " -w node1 hostname'" : " -w node1 --wrap hostname'"));
        }
        return new Step.Submit(h, words.get(0), words.subList(1, words.size()));
    }

    private Step slurmd(YamlMap s, StepHeader h) {
        String node = node(s, "slurmd", s.requiredString("slurmd"));
        boolean b = false;
        if (s.has("flags")) {
            for (var flag : s.scalarList("flags")) {
                if (!SLURMD_FLAGS.contains(flag.getValue())) {
                    throw new ScenarioException(YamlMap.position(file, flag), "unknown slurmd flag '" + flag.getValue()
                            + "'; allowed: " + String.join(", ", SLURMD_FLAGS) + " (-b: report slurmd's start as the "
                            + "boot time)", Optional.of("flags"), SLURMD_FLAGS, null);
                }
                b = true;
            }
        }
        return new Step.StartSlurmd(h, node, b);
    }

    private static boolean background(YamlMap s) {
        String value = s.string("background").orElse("false");
        if (!List.of("true", "false").contains(value)) {
            throw s.error("background", "'background' is true or false, found '" + value + "'");
        }
        return value.equals("true");
    }

    private static Step logLines(YamlMap s, StepHeader h) {
        String regex = s.requiredString("log");
        try {
            Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw s.error("log", "'log' is not a regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
        return new Step.LogLines(h, regex, s.duration("timeout"));
    }

    private Step waitFor(YamlMap s, StepHeader h) {
        s.require("timeout");
        YamlMap w = s.map("wait", "wait");
        w.allowOnly(List.of("node", "state", "job", "hook"));
        long subjects = Stream.of("node", "job", "hook").filter(w::has).count();
        if (subjects != 1) {
            throw new ScenarioException(w.position(), "wait takes exactly one of 'node' (with 'state'), 'job' "
                    + "(until it ends) or 'hook' (until it is called)", Optional.of("wait"),
                    List.of("node", "job", "hook"), null);
        }
        WaitCondition condition;
        if (w.has("node")) {
            w.require("state");
            condition = new WaitCondition.NodeIn(node(w, "node", w.requiredString("node")), state(w, "state"));
        } else if (w.has("job")) {
            String job = w.requiredString("job");
            if (!jobIds.contains(job)) {
                throw new ScenarioException(w.valuePosition("job"), "unknown job '" + job + "' in wait; jobs "
                        + "submitted by earlier steps: " + (jobIds.isEmpty() ? "none" : String.join(", ", jobIds)),
                        Optional.of("job"), List.copyOf(jobIds), null);
            }
            condition = new WaitCondition.JobEnded(job);
        } else {
            condition = new WaitCondition.HookCalled(w.keyword("hook", HookRole.values(), "hook"));
        }
        if (w.has("state") && !w.has("node")) {
            throw w.error("state", "'state' in wait goes with 'node'");
        }
        return new Step.WaitFor(h, condition, s.duration("timeout").orElseThrow());
    }

    private Step scontrol(YamlMap s, StepHeader h) {
        List<String> words = words(s, "scontrol");
        if (words.isEmpty() || !words.get(0).equalsIgnoreCase("update")) {
            throw new ScenarioException(s.valuePosition("scontrol"), "unsupported scontrol command '"
                    + (words.isEmpty() ? "" : words.get(0)) + "'; allowed: update (e.g. 'scontrol: update "
                    + "nodename=node1 state=POWER_DOWN')", Optional.of("scontrol"), List.of("update"), null);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            String key = (eq < 0 ? word : word.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq <= 0 || !SCONTROL_KEYS.contains(key)) {
                throw new ScenarioException(s.valuePosition("scontrol"), "unknown scontrol update argument '" + word
                        + "'; allowed keys: " + String.join(", ", SCONTROL_KEYS) + " (as key=value)",
                        Optional.of("scontrol"), SCONTROL_KEYS, null);
            }
            if (settings.put(key, word.substring(eq + 1)) != null) {
                throw s.error("scontrol", "scontrol update sets '" + key + "' twice");
            }
        }
        String nodes = settings.remove("nodename");
        if (nodes == null || nodes.isEmpty()) {
            throw s.error("scontrol", "scontrol update needs nodename=<hostlist>");
        }
        if (settings.isEmpty()) {
            throw s.error("scontrol", "scontrol update nodename=" + nodes + " changes nothing; set one of "
                    + String.join(", ", SCONTROL_KEYS.subList(1, SCONTROL_KEYS.size())));
        }
        if (settings.containsKey("state")) {
            String state = settings.get("state").toUpperCase(Locale.ROOT);
            if (!SCONTROL_STATES.contains(state)) {
                throw new ScenarioException(s.valuePosition("scontrol"), "invalid node state '" + settings.get("state")
                        + "' for scontrol update; allowed: " + String.join(", ", SCONTROL_STATES),
                        Optional.of("scontrol"), SCONTROL_STATES, null);
            }
            if (List.of("DOWN", "DRAIN", "FAIL").contains(state) && !settings.containsKey("reason")) {
                throw s.error("scontrol", "state=" + state + " needs reason=... (scontrol refuses it: \"You must "
                        + "specify a reason when DOWNING or DRAINING a node\")");
            }
            settings.put("state", state);
        }
        return new Step.ScontrolUpdate(h, nodes, settings);
    }

    private Optional<String> componentNode(YamlMap s, Component c) {
        if (c == Component.SLURMD) {
            s.require("node");
            return Optional.of(node(s, "node", s.requiredString("node")));
        }
        if (s.has("node")) {
            throw s.error("node", "'node' goes with slurmd only; " + c + " is one per lab");
        }
        return Optional.empty();
    }

    private Step fault(YamlMap s, StepHeader h) {
        FaultKind kind = s.keyword("fault", FaultKind.values(), "fault");
        Optional<Duration> delay = s.duration("delay");
        if (kind == FaultKind.SLOW_BOOT && delay.isEmpty()) {
            throw s.error("fault", "fault slow-boot needs 'delay' (the extra boot time, e.g. delay: 90s)");
        }
        if (kind != FaultKind.SLOW_BOOT && delay.isPresent()) {
            throw s.error("delay", "'delay' goes with fault slow-boot only");
        }
        return new Step.InjectFault(h, kind, s.string("nodes"), s.integer("times", 1), delay);
    }

    private List<String> words(YamlMap s, String key) {
        try {
            return CommandWords.split(s.requiredString(key));
        } catch (IllegalArgumentException e) {
            throw s.error(key, "cannot split '" + key + "' into words: " + e.getMessage());
        }
    }

    static String node(YamlMap s, String key, String name) {
        if (!NODE.matcher(name).matches()) {
            throw s.error(key, "bad node name '" + name + "' for '" + key + "': one node name (letters, digits, "
                    + "'.', '_', '-')");
        }
        return name;
    }

    static NodeStatePattern state(YamlMap s, String key) {
        try {
            return NodeStatePattern.parse(s.requiredString(key));
        } catch (IllegalArgumentException e) {
            throw s.error(key, "bad node state for '" + key + "' in " + s.context() + ": " + e.getMessage());
        }
    }
}
