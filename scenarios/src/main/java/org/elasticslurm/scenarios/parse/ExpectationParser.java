package org.elasticslurm.scenarios.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.Expectation.ExpectationHeader;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.Step;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code expect:} list. An expectation is a mapping with exactly one kind key ({@code reaches},
 * {@code stays}, {@code hook}, ...), the keys that kind takes, and the common {@code id} and {@code after}.
 */
final class ExpectationParser {
    /** The kind keys with the extra keys each takes. */
    static final Map<String, List<String>> KINDS = kinds();
    static final List<String> COMMON = List.of("id", "after", "versions");

    private final Path file;
    private final Set<String> stepIds;
    private final Set<String> jobIds;
    /** Each id's expectations' versions (empty = every version): an id may be reused for other versions only. */
    private final Map<String, List<Set<SlurmVersion>>> expectationIds = new LinkedHashMap<>();

    ExpectationParser(Path file, List<Step> steps) {
        this.file = file;
        this.stepIds = steps.stream().flatMap(s -> s.header().id().stream()).collect(Collectors.toSet());
        this.jobIds = steps.stream().filter(Step.Submit.class::isInstance).map(s -> ((Step.Submit) s).jobId())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("reaches", List.of("node", "within"));
        k.put("stays", List.of("node", "during"));
        k.put("hook", List.of("args", "within", "times"));
        k.put("job", List.of("state", "output", "within"));
        k.put("log", List.of("within"));
        k.put("no-vm-left", List.of());
        k.put("defunct-processes", List.of());
        return java.util.Collections.unmodifiableMap(k);
    }

    List<Expectation> parse(SequenceNode list) {
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            YamlMap first = YamlMap.of(file, list.getValue().get(i), "expectation " + (i + 1));
            String kind = kind(first);
            YamlMap e = YamlMap.of(file, list.getValue().get(i), kind + " expectation");
            e.allowOnly(Stream.of(List.of(kind), KINDS.get(kind), COMMON).flatMap(List::stream).toList());
            ExpectationHeader h = new ExpectationHeader(e.string("id"), anchor(e), e.position(), VersionsKey.read(e));
            out.add(expectation(e, kind, h));
            if (h.id().isPresent()) {
                String id = h.id().get();
                if (!StepParser.ID.matcher(id).matches()) {
                    throw e.error("id", "bad id '" + id + "': an id is letters, digits, '_' and '-', starting with "
                            + "a letter");
                }
                List<Set<SlurmVersion>> earlier = expectationIds.getOrDefault(id, List.of());
                if (stepIds.contains(id) || earlier.stream().anyMatch(v -> overlap(v, h.versions()))) {
                    throw e.error("id", "id '" + id + "' is already used by a step or an earlier expectation"
                            + (earlier.isEmpty() ? "" : " (an id may be reused only by expectations of other "
                            + "versions: 'versions:' sets that do not overlap)"));
                }
                expectationIds.computeIfAbsent(id, k -> new ArrayList<>()).add(h.versions());
            }
        }
        return out;
    }

    private static boolean overlap(Set<SlurmVersion> a, Set<SlurmVersion> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }

    private String kind(YamlMap e) {
        List<String> present = e.keys().stream().filter(KINDS::containsKey).toList();
        if (present.size() > 1) {
            throw new ScenarioException(e.keyPosition(present.get(1)), "expectation has two kinds, '" + present.get(0)
                    + "' and '" + present.get(1) + "'; write two expectations", Optional.of(present.get(1)),
                    List.copyOf(KINDS.keySet()), null);
        }
        if (present.isEmpty()) {
            e.allowOnly(Stream.concat(Stream.concat(KINDS.keySet().stream(),
                    KINDS.values().stream().flatMap(List::stream)), COMMON.stream()).distinct().toList());
            throw new ScenarioException(e.position(), "expectation has no kind; one of: "
                    + String.join(", ", KINDS.keySet()), Optional.empty(), List.copyOf(KINDS.keySet()), null);
        }
        return present.get(0);
    }

    private Anchor anchor(YamlMap e) {
        if (!e.has("after")) {
            return new Anchor.Start();
        }
        String ref = e.requiredString("after");
        if (Character.isDigit(ref.charAt(0))) {
            return new Anchor.At(e.duration("after").orElseThrow());
        }
        if (ref.equals("start")) {
            return new Anchor.Start();
        }
        if (stepIds.contains(ref)) {
            return new Anchor.AfterStep(ref);
        }
        if (expectationIds.containsKey(ref)) {
            return new Anchor.AfterExpectation(ref);
        }
        List<String> known = Stream.concat(Stream.of("start"),
                Stream.concat(stepIds.stream().sorted(), expectationIds.keySet().stream())).toList();
        throw new ScenarioException(e.valuePosition("after"), "'after: " + ref + "' names neither a step nor an "
                + "earlier expectation (an expectation may only follow earlier ones); known: "
                + String.join(", ", known) + ", or a scenario time such as 10s", Optional.of("after"), known, null);
    }

    private Expectation expectation(YamlMap e, String kind, ExpectationHeader h) {
        return switch (kind) {
            case "reaches" -> {
                e.require("node", "within");
                yield new Expectation.Reaches(h, StepParser.node(e, "node", e.requiredString("node")), StepParser.state(e, "reaches"),
                        e.duration("within").orElseThrow());
            }
            case "stays" -> {
                e.require("node", "during");
                yield new Expectation.Stays(h, StepParser.node(e, "node", e.requiredString("node")), StepParser.state(e, "stays"),
                        e.duration("during").orElseThrow());
            }
            case "hook" -> new Expectation.HookCalled(h, e.keyword("hook", HookRole.values(), "hook"), e.string("args"),
                    e.duration("within"), times(e));
            case "job" -> {
                String job = e.requiredString("job");
                if (!jobIds.contains(job)) {
                    throw new ScenarioException(e.valuePosition("job"), "unknown job '" + job + "'; jobs of this "
                            + "scenario (its submit steps): " + (jobIds.isEmpty() ? "none" : String.join(", ", jobIds)),
                            Optional.of("job"), List.copyOf(jobIds), null);
                }
                Optional<JobState> state = e.has("state")
                        ? Optional.of(e.keyword("state", JobState.values(), "job state")) : Optional.empty();
                if (state.isPresent() && !state.get().isFinal()) {
                    throw e.error("state", "job state " + state.get() + " is not a final state; a job ends as one of "
                            + java.util.Arrays.stream(JobState.values()).filter(JobState::isFinal).map(Enum::name)
                            .collect(Collectors.joining(", ")));
                }
                yield new Expectation.JobOutcome(h, job, state, e.string("output"), e.duration("within"));
            }
            case "log" -> new Expectation.LogLine(h, e.requiredString("log"), e.duration("within"));
            case "no-vm-left" -> {
                if (!e.requiredString("no-vm-left").equals("true")) {
                    throw e.error("no-vm-left", "no-vm-left takes the value true");
                }
                yield new Expectation.NoVmLeft(h);
            }
            case "defunct-processes" -> {
                String v = e.requiredString("defunct-processes");
                if (!v.equals("none") && !v.equals("some")) {
                    throw new ScenarioException(e.valuePosition("defunct-processes"), "bad value '" + v
                            + "' for 'defunct-processes'; allowed: none, some", Optional.of("defunct-processes"),
                            List.of("none", "some"), null);
                }
                yield new Expectation.DefunctProcesses(h, v.equals("some"));
            }
            default -> throw new IllegalStateException("expectation kind without parser: " + kind);
        };
    }

    private static OptionalInt times(YamlMap e) {
        return e.integer("times", 0);
    }
}
