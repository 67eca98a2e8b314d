package org.elasticslurm.lab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.HookSpec;

/**
 * Reads {@code .scenario} files. Line based: {@code #} starts a comment (the leading comment block is the
 * description); the header names the template ({@code conf FILE}, relative to the scenario file) and may change
 * hook programs ({@code hook NAME mode OCTAL}, {@code hook NAME absent}); then one step per line. Every error
 * names {@code file:line} and the rule.
 */
public final class ScenarioParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern PSI = Pattern.compile("(?i)power_save_interval=(\\d+)");
    private static final List<String> DEFAULT_HOOKS = List.of("resume", "suspend", "resumefail");

    /** Parses a scenario file; the template is read from beside it. */
    public Scenario parse(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.scenario$", "");
        try {
            return parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    templateName -> readTemplate(file.resolveSibling(templateName)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /** Reads a template for {@link #parse(String, String, String, TemplateSource)}. */
    public interface TemplateSource {
        ConfTemplate load(String templateName);
    }

    /** Parses scenario text; {@code source} names it in errors. */
    public Scenario parse(String name, String source, String text, TemplateSource templates) {
        String[] lines = text.split("\n", -1);
        StringBuilder description = new StringBuilder();
        boolean inDescription = true;
        ConfTemplate template = null;
        List<String> nodes = List.of();
        Map<String, HookSpec> hooks = new LinkedHashMap<>();
        DEFAULT_HOOKS.forEach(h -> hooks.put(h, HookSpec.valid(h)));
        List<Step> steps = new ArrayList<>();
        Set<String> jobs = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String where = source + ":" + (i + 1);
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                if (inDescription) {
                    description.append(line.substring(1).strip()).append('\n');
                }
                continue;
            }
            if (line.isEmpty()) {
                inDescription = inDescription && description.isEmpty();
                continue;
            }
            inDescription = false;
            List<String> words = Arrays.asList(line.split("\\s+"));
            String keyword = words.get(0);
            switch (keyword) {
                case "conf" -> {
                    arity(where, words, 2, 2, "conf FILE");
                    if (template != null) {
                        throw error(where, "a second 'conf' line: a scenario has one slurm.conf template");
                    }
                    if (!steps.isEmpty()) {
                        throw error(where, "'conf' must come before the first step");
                    }
                    template = templates.load(words.get(1));
                    nodes = template.render(Path.of("/lab"), "host", () -> 1).nodes();
                }
                case "hook" -> {
                    if (!steps.isEmpty()) {
                        throw error(where, "'hook' must come before the first step (hooks are laid out before slurmctld starts)");
                    }
                    HookSpec hook = hook(where, words);
                    hooks.put(hook.name(), hook);
                }
                default -> {
                    if (template == null) {
                        throw error(where, "the first line that is not a comment must be 'conf FILE'");
                    }
                    steps.add(step(where, line, words, nodes, jobs));
                }
            }
        }
        if (template == null) {
            throw error(source, "no 'conf FILE' line");
        }
        return new Scenario(name, description.toString().strip(), template, nodes, List.copyOf(hooks.values()),
                steps, powerSaveInterval(template));
    }

    private static Duration powerSaveInterval(ConfTemplate template) {
        Matcher m = PSI.matcher(template.text());
        return Duration.ofSeconds(m.find() ? Long.parseLong(m.group(1)) : 10);
    }

    private static HookSpec hook(String where, List<String> words) {
        String usage = "hook NAME mode OCTAL | hook NAME absent";
        arity(where, words, 3, 4, usage);
        if (words.size() == 3 && words.get(2).equals("absent")) {
            return new HookSpec(name(where, words.get(1)), 0, false);
        }
        arity(where, words, 4, 4, usage);
        if (!words.get(2).equals("mode") || !words.get(3).matches("[0-7]{3,4}")) {
            throw error(where, "expected '" + usage + "' with an octal mode such as 775");
        }
        return new HookSpec(name(where, words.get(1)), Integer.parseInt(words.get(3), 8), true);
    }

    private static Step step(String where, String line, List<String> w, List<String> nodes, Set<String> jobs) {
        String keyword = w.get(0);
        return switch (keyword) {
            case "at" -> {
                arity(where, w, 2, 2, "at SECONDS");
                yield new Step.At(seconds(where, w.get(1)), line);
            }
            case "sleep" -> {
                arity(where, w, 2, 2, "sleep SECONDS");
                yield new Step.Sleep(seconds(where, w.get(1)), line);
            }
            case "bg", "run" -> {
                arity(where, w, 3, Integer.MAX_VALUE, keyword + " NAME COMMAND...");
                String job = name(where, w.get(1));
                if (!jobs.add(job)) {
                    throw error(where, "command name '" + job + "' is used twice (names identify output in the trace)");
                }
                String command = restAfter(line, 2);
                yield keyword.equals("bg") ? new Step.Background(job, command, line) : new Step.Run(job, command, line);
            }
            case "slurmd" -> {
                arity(where, w, 2, Integer.MAX_VALUE, "slurmd NODE [ARGS...]");
                yield new Step.StartSlurmd(node(where, w.get(1), nodes), w.subList(2, w.size()), line);
            }
            case "kill-slurmd" -> {
                arity(where, w, 2, 2, "kill-slurmd NODE");
                yield new Step.KillSlurmd(node(where, w.get(1), nodes), line);
            }
            case "mark" -> {
                arity(where, w, 2, Integer.MAX_VALUE, "mark TEXT");
                yield new Step.Mark(restAfter(line, 1), line);
            }
            case "wait-state" -> {
                arity(where, w, 4, 4, "wait-state NODE STATE TIMEOUT");
                yield new Step.WaitState(node(where, w.get(1), nodes), w.get(2), seconds(where, w.get(3)), line);
            }
            case "wait-job" -> {
                arity(where, w, 3, 3, "wait-job NAME TIMEOUT");
                if (!jobs.contains(w.get(1))) {
                    throw error(where, "wait-job " + w.get(1) + ": no earlier 'bg " + w.get(1) + " ...' step");
                }
                yield new Step.WaitJob(w.get(1), seconds(where, w.get(2)), line);
            }
            case "log" -> {
                arity(where, w, 2, Integer.MAX_VALUE, "log REGEX");
                yield new Step.Log(regex(where, restAfter(line, 1)), Duration.ZERO, false, line);
            }
            case "expect-log" -> {
                arity(where, w, 3, Integer.MAX_VALUE, "expect-log TIMEOUT REGEX");
                yield new Step.Log(regex(where, restAfter(line, 2)), seconds(where, w.get(1)), true, line);
            }
            default -> throw error(where, "unknown step '" + keyword + "' (known: at, sleep, bg, run, slurmd, "
                    + "kill-slurmd, mark, wait-state, wait-job, log, expect-log)");
        };
    }

    private static String restAfter(String line, int words) {
        return line.strip().replaceFirst("^(\\S+\\s+){" + words + "}", "").strip();
    }

    private static void arity(String where, List<String> words, int min, int max, String usage) {
        if (words.size() < min || words.size() > max) {
            throw error(where, "expected '" + usage + "'");
        }
    }

    private static String name(String where, String name) {
        if (!NAME.matcher(name).matches()) {
            throw error(where, "'" + name + "' is not a name (letters, digits, '_', '.', '-')");
        }
        return name;
    }

    private static String node(String where, String node, List<String> nodes) {
        if (!nodes.contains(node)) {
            throw error(where, "node '" + node + "' is not defined in the slurm.conf template (nodes: " + nodes + ")");
        }
        return node;
    }

    private static Duration seconds(String where, String value) {
        if (!value.matches("\\d+(\\.\\d+)?")) {
            throw error(where, "'" + value + "' is not a number of seconds (e.g. 3 or 3.5)");
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static Pattern regex(String where, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error(where, "invalid regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    private static ConfTemplate readTemplate(Path file) {
        try {
            return new ConfTemplate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("cannot read slurm.conf template " + file, e);
        }
    }

    private static ScenarioException error(String where, String message) {
        return new ScenarioException(where + ": " + message);
    }
}
