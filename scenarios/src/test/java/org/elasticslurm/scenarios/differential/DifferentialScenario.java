package org.elasticslurm.scenarios.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.Step;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.NodeStatePattern;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.WaitCondition;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.parse.ScenarioParser;

/**
 * A YAML scenario as the differential suite runs it: slurm-lab's lab steps, whose trace is compared with the
 * golden trace of the real daemons. Every YAML step has one lab step ({@code at:} adds a wait for that time
 * before it); the lab's own recording hook programs stand for the {@code noop}/{@code log} presets. The steps'
 * sources are written in the trace's vocabulary ({@code wait-state node1 IDLE+CLOUD 10}), since an early stop
 * is recorded with its step and compared with the golden trace's.
 */
public final class DifferentialScenario {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+\\[\\]-]+");
    private static final Pattern PSI = Pattern.compile("(?i)power_save_interval=(\\d+)");
    private static final Map<HookRole, String> LAB_HOOK_NAMES = Map.of(HookRole.RESUME, "resume",
            HookRole.SUSPEND, "suspend", HookRole.RESUME_FAIL, "resumefail");

    private DifferentialScenario() {
    }

    /**
     * Parses a YAML scenario file and translates it as a run of {@code version} performs it.
     *
     * @throws ScenarioException at the step (file:line:column) the differential suite cannot run
     */
    public static Scenario read(Path file, SlurmVersion version) {
        return of(new ScenarioParser().parse(file), version);
    }

    /** Translates a parsed scenario: its steps of {@code version} ({@code versions:} on a step). */
    public static Scenario of(org.elasticslurm.scenarios.model.Scenario yaml, SlurmVersion version) {
        ConfTemplate template = template(yaml);
        List<String> nodes = template.render(Path.of("/lab"), "host", () -> 1).nodes();
        List<Step> steps = new ArrayList<>();
        for (org.elasticslurm.scenarios.model.Step step : yaml.forVersion(version).steps()) {
            step.header().at().ifPresent(at -> steps.add(new Step.At(at, "at " + seconds(at))));
            steps.add(step(step));
        }
        return new Scenario(yaml.name(), yaml.description(), template, nodes, hooks(yaml), steps,
                powerSaveInterval(template));
    }

    private static ConfTemplate template(org.elasticslurm.scenarios.model.Scenario yaml) {
        SlurmConfSource source = yaml.slurmConf();
        if (source instanceof SlurmConfSource.Inline inline) {
            return new ConfTemplate(yaml.file().toString(), inline.text().replace("$CTLD_ADDR", "127.0.0.1"));
        }
        Path path = ((SlurmConfSource.File) source).path();
        try {
            return new ConfTemplate(path.toString(), Files.readString(path, StandardCharsets.UTF_8)
                    .replace("$CTLD_ADDR", "127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read slurm.conf " + path, e);
        }
    }

    private static List<org.elasticslurm.lab.real.HookSpec> hooks(org.elasticslurm.scenarios.model.Scenario yaml) {
        Map<HookRole, org.elasticslurm.lab.real.HookSpec> out = new LinkedHashMap<>();
        for (HookRole role : HookRole.values()) {
            String name = LAB_HOOK_NAMES.get(role);
            HookSpec spec = yaml.hooks().get(role);
            if (spec == null) {
                out.put(role, org.elasticslurm.lab.real.HookSpec.valid(name));
            } else if (spec instanceof HookSpec.Absent) {
                out.put(role, new org.elasticslurm.lab.real.HookSpec(name, 0, false));
            } else if (spec instanceof HookSpec.Preset p
                    && (p.preset() == HookPreset.NOOP || p.preset() == HookPreset.LOG)) {
                out.put(role, new org.elasticslurm.lab.real.HookSpec(name, p.mode().orElse(0755), true));
            } else {
                throw new ScenarioException(spec.position(), "the differential suite installs its own recording "
                        + "hook programs: hook " + role + " may be the preset noop or log (with a mode) or absent");
            }
        }
        return List.copyOf(out.values());
    }

    private static Step step(org.elasticslurm.scenarios.model.Step step) {
        if (step instanceof org.elasticslurm.scenarios.model.Step.Submit s) {
            if (!s.args().stream().allMatch(a -> PLAIN_WORD.matcher(a).matches())) {
                throw new ScenarioException(s.header().position(), "the differential suite runs a submit step's "
                        + "words as a shell command line: quote nothing in it, or write it as 'run: ...' with "
                        + "'background: true' and an id");
            }
            String command = s.command() + " " + String.join(" ", s.args());
            return new Step.Background(s.jobId(), command, "bg " + s.jobId() + " " + command);
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.StartSlurmd s) {
            List<String> args = s.bootTimeFromStart() ? List.of("-b") : List.of();
            return new Step.StartSlurmd(s.node(), args, "slurmd " + s.node() + (args.isEmpty() ? "" : " -b"));
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.Advance a) {
            return new Step.Sleep(a.by(), "sleep " + seconds(a.by()));
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.WaitFor w) {
            return waitFor(w);
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.RunCommand r) {
            return run(r);
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.Stop s
                && s.component() == Component.SLURMD) {
            return new Step.KillSlurmd(s.node().orElseThrow(), "kill-slurmd " + s.node().orElseThrow());
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.Mark m) {
            return new Step.Mark(m.text(), "mark " + m.text());
        } else if (step instanceof org.elasticslurm.scenarios.model.Step.LogLines l) {
            Pattern regex = Pattern.compile(l.regex());
            return l.timeout().<Step>map(t -> new Step.Log(regex, t, true, "expect-log " + seconds(t) + " " + l.regex()))
                    .orElseGet(() -> new Step.Log(regex, Duration.ZERO, false, "log " + l.regex()));
        }
        throw new ScenarioException(step.header().position(), "the differential suite cannot run '"
                + step.describe() + "'");
    }

    private static Step run(org.elasticslurm.scenarios.model.Step.RunCommand r) {
        if (!r.on().equals("controller")) {
            throw new ScenarioException(r.header().position(), "the differential suite runs commands on the "
                    + "controller's machine only (every daemon of the lab runs there), not on '" + r.on() + "'");
        }
        String name = r.header().id().orElseThrow(() -> new ScenarioException(r.header().position(),
                "a run step of the differential suite needs an id: it names the command's output in the trace"));
        return r.background() ? new Step.Background(name, r.command(), "bg " + name + " " + r.command())
                : new Step.Run(name, r.command(), "run " + name + " " + r.command());
    }

    private static Step waitFor(org.elasticslurm.scenarios.model.Step.WaitFor w) {
        String timeout = seconds(w.timeout());
        if (w.condition() instanceof WaitCondition.NodeIn n && (n.state() instanceof NodeStatePattern.Exact
                || n.state() instanceof NodeStatePattern.NotListed)) {
            String state = n.state().toString();
            return new Step.WaitState(n.node(), state, w.timeout(),
                    "wait-state " + n.node() + " " + state + " " + timeout);
        } else if (w.condition() instanceof WaitCondition.JobEnded j) {
            return new Step.WaitJob(j.job(), w.timeout(), "wait-job " + j.job() + " " + timeout);
        }
        throw new ScenarioException(w.header().position(), "the differential suite waits for a node state written "
                + "as scontrol prints it (IDLE+CLOUD+POWERED_DOWN) or NOT_FOUND, or for a job; not for '"
                + w.condition() + "'");
    }

    /** Seconds as the trace's steps write them: {@code 3.5}, {@code 15}. */
    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000)
                : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static Duration powerSaveInterval(ConfTemplate template) {
        Matcher m = PSI.matcher(template.text());
        return Duration.ofSeconds(m.find() ? Long.parseLong(m.group(1)) : 10);
    }
}
