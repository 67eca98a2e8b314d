package org.elasticslurm.scenarios.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.WaitCondition;

/**
 * Checks a parsed scenario against its slurm.conf: the conf parses; every node a step or expectation names is
 * a node of it; pools hold CLOUD nodes; each declared hook is the program slurm.conf names, installed under
 * {@code $LAB/} for presets; no {@code $LAB/} program is left undeclared.
 */
public final class ScenarioChecker {
    /** Where a run's scratch directory appears in slurm.conf. */
    public static final String LAB = "$LAB";
    private final SlurmConfParser confParser;

    /** @param confParser reads the scenario's slurm.conf */
    public ScenarioChecker(SlurmConfParser confParser) {
        this.confParser = confParser;
    }

    /**
     * Loads the slurm.conf and checks the scenario against it.
     *
     * @throws ScenarioException for the first problem, at its position (for a slurm.conf problem: its line in
     *                           the conf file, or in the scenario file for an inline conf)
     */
    public LoadedScenario check(Scenario scenario) {
        SlurmConf conf = loadConf(scenario);
        Set<String> nodes = conf.nodes().stream().map(NodeDefinition::name).collect(Collectors.toSet());
        String known = nodes.isEmpty() ? "none" : Hostlist.of(conf.nodes().stream().map(NodeDefinition::name).toList())
                .compress();
        for (Step step : scenario.steps()) {
            for (String node : nodesOf(step)) {
                requireNode(nodes, node, step.header().position(), step.describe(), known);
            }
        }
        for (Expectation e : scenario.expectations()) {
            for (String node : nodesOf(e)) {
                requireNode(nodes, node, e.header().position(), e.describe(), known);
            }
        }
        scenario.provisioner().ifPresent(p -> checkPools(p, conf));
        checkHooks(scenario, conf);
        return new LoadedScenario(scenario.forVersion(confParser.version()), conf, confParser.version());
    }

    private SlurmConf loadConf(Scenario scenario) {
        SlurmConfSource source = scenario.slurmConf();
        try {
            if (source instanceof SlurmConfSource.Inline inline) {
                return confParser.parse(inline.text(), scenario.file());
            }
            return confParser.parse(((SlurmConfSource.File) source).path());
        } catch (SlurmConfException e) {
            Position at;
            if (source instanceof SlurmConfSource.Inline inline) {
                at = new Position(scenario.file(), inline.firstLine() + e.location().line() - 1, inline.firstColumn());
            } else {
                at = new Position(e.location().file(), e.location().line(), 1);
            }
            throw new ScenarioException(at, "slurm.conf: " + e.rule() + ": " + e.offendingText(),
                    Optional.of("slurm-conf"), List.of(), e);
        }
    }

    private static List<String> nodesOf(Step step) {
        Position at = step.header().position();
        if (step instanceof Step.StartSlurmd s) {
            return List.of(s.node());
        } else if (step instanceof Step.RunCommand r) {
            return r.on().equals("controller") ? List.of() : List.of(r.on());
        } else if (step instanceof Step.ScontrolUpdate u) {
            return expand(u.nodes(), at, "nodename");
        } else if (step instanceof Step.Stop s) {
            return s.node().map(List::of).orElse(List.of());
        } else if (step instanceof Step.Restart r) {
            return r.node().map(List::of).orElse(List.of());
        } else if (step instanceof Step.InjectFault f) {
            return f.nodes().map(n -> expand(n, at, "nodes")).orElse(List.of());
        } else if (step instanceof Step.WaitFor w && w.condition() instanceof WaitCondition.NodeIn n) {
            return List.of(n.node());
        } else if (step instanceof Step.Submit s) {
            return requestedNodes(s);
        }
        return List.of();
    }

    /** The nodes a job names with {@code -w}/{@code --nodelist}. */
    private static List<String> requestedNodes(Step.Submit s) {
        List<String> out = new ArrayList<>();
        List<String> args = s.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            Optional<String> list = Optional.empty();
            if ((a.equals("-w") || a.equals("--nodelist")) && i + 1 < args.size()) {
                list = Optional.of(args.get(++i));
            } else if (a.startsWith("--nodelist=")) {
                list = Optional.of(a.substring("--nodelist=".length()));
            } else if (a.startsWith("-w") && a.length() > 2) {
                list = Optional.of(a.substring(2));
            }
            list.ifPresent(l -> out.addAll(expand(l, s.header().position(), "-w")));
            if (!a.startsWith("-")) {
                break;
            }
        }
        return out;
    }

    private static List<String> nodesOf(Expectation e) {
        if (e instanceof Expectation.Reaches r) {
            return List.of(r.node());
        } else if (e instanceof Expectation.Stays s) {
            return List.of(s.node());
        } else if (e instanceof Expectation.HookCalled h) {
            return h.args().map(a -> expand(a, e.header().position(), "args")).orElse(List.of());
        }
        return List.of();
    }

    private static List<String> expand(String hostlist, Position at, String key) {
        try {
            return Hostlist.parse(hostlist).names();
        } catch (HostlistException ex) {
            throw new ScenarioException(at, "bad hostlist for '" + key + "': " + ex.getMessage(), Optional.of(key),
                    List.of(), ex);
        }
    }

    private static void requireNode(Set<String> nodes, String node, Position at, String what, String known) {
        if (!nodes.contains(node)) {
            throw new ScenarioException(at, "unknown node '" + node + "' in '" + what + "'; nodes of slurm.conf: "
                    + known, Optional.of(node), List.of(), null);
        }
    }

    private static void checkPools(ProvisionerSetup setup, SlurmConf conf) {
        Map<String, String> owner = new java.util.HashMap<>();
        for (ProvisionerSetup.Pool pool : setup.pools()) {
            for (String node : expand(pool.nodes(), pool.position(), "nodes")) {
                Optional<NodeDefinition> def = conf.node(node);
                if (def.isEmpty() || !def.get().isCloud()) {
                    throw new ScenarioException(pool.position(), "pool " + pool.name() + " names '" + node
                            + "', which is not a State=CLOUD node of slurm.conf; the provisioner only serves CLOUD nodes",
                            Optional.of("nodes"), List.of(), null);
                }
                String previous = owner.putIfAbsent(node, pool.name());
                if (previous != null) {
                    throw new ScenarioException(pool.position(), "node " + node + " is in pools " + previous + " and "
                            + pool.name() + "; a node belongs to at most one pool", Optional.of("nodes"), List.of(), null);
                }
            }
        }
    }

    private static void checkHooks(Scenario scenario, SlurmConf conf) {
        Position confAt = scenario.slurmConf().position();
        for (HookRole role : HookRole.values()) {
            Optional<String> program = role.program(conf.powerSave());
            HookSpec spec = scenario.hooks().get(role);
            boolean underLab = program.map(p -> p.startsWith(LAB + "/")).orElse(false);
            if (spec == null) {
                if (underLab) {
                    throw new ScenarioException(confAt, "slurm.conf sets " + role.slurmKey() + "=" + program.get()
                            + " under " + LAB + " but hooks." + role + " is not declared; declare what to install there",
                            Optional.of("hooks"), List.of(), null);
                }
                continue;
            }
            if (program.isEmpty()) {
                throw new ScenarioException(spec.position(), "hooks." + role + " is declared but slurm.conf sets no "
                        + role.slurmKey() + " (write " + role.slurmKey() + "=" + LAB + "/hooks/" + role + ")",
                        Optional.of(role.keyword()), List.of(), null);
            }
            if (spec instanceof HookSpec.Preset && !underLab) {
                throw new ScenarioException(spec.position(), "hooks." + role + " is a preset, installed at the path "
                        + "slurm.conf names, which must then lie under " + LAB + "/ (found " + role.slurmKey() + "="
                        + program.get() + ")", Optional.of(role.keyword()), List.of(), null);
            }
            if (spec instanceof HookSpec.Program p && !underLab && !Path.of(program.get()).equals(p.path().toAbsolutePath())) {
                throw new ScenarioException(spec.position(), "hooks." + role + " is " + p.path().toAbsolutePath()
                        + " but slurm.conf's " + role.slurmKey() + " is " + program.get() + "; name the same program, "
                        + "or put the conf's path under " + LAB + "/ to have it installed there",
                        Optional.of(role.keyword()), List.of(), null);
            }
        }
    }
}
