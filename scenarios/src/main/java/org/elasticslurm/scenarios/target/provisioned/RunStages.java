package org.elasticslurm.scenarios.target.provisioned;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.conf.state.NodeBase;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * The stages of a run with the real provisioner, per node and operation, from the provisioner's operation log,
 * the recorded hook calls and slurmctld's node states (all in scenario time). A resume gives consecutive stages:
 * <ol>
 * <li>{@value #HOOK}: the resume hook starts -> the provisioner starts the operation;</li>
 * <li>{@value #CREATE}: the operation starts -> the machine is defined/created and started (phase BOOTING);</li>
 * <li>{@value #BOOT}: -> the machine's address is known;</li>
 * <li>{@value #REPORT}: -> post-config done and the address reported with {@code scontrol update} (READY);</li>
 * <li>{@value #REGISTER}: -> slurmctld shows the node up (no POWERING_UP, responding);</li>
 * <li>{@value #JOB}: -> the first job that ended after it;</li>
 * </ol>
 * and a suspend or resume-fail one stage, {@value #DESTROY}: the operation starts -> the machine is gone.
 * Only stages whose both ends are known are given.
 */
public final class RunStages {
    /** Stage names, as reports show them. */
    public static final String HOOK = "resume hook -> provisioner";
    public static final String CREATE = "define/create + start";
    public static final String BOOT = "boot -> address";
    public static final String REPORT = "address -> scontrol update";
    public static final String REGISTER = "slurmd registered";
    public static final String JOB = "job done";
    public static final String DESTROY = "destroy";

    private final Instant zero;

    /** @param zero the instant of scenario time 0 */
    public RunStages(Instant zero) {
        this.zero = zero;
    }

    /** The stages known from these observations. */
    public List<Stage> derive(List<OperationRecord> operations, List<HookCall> hooks, List<StateChange> states,
                              Map<String, JobRecord> jobs) {
        Map<String, List<OperationRecord>> byOperation = new LinkedHashMap<>();
        for (OperationRecord r : operations) {
            byOperation.computeIfAbsent(r.operation(), k -> new ArrayList<>()).add(r);
        }
        List<Stage> out = new ArrayList<>();
        for (List<OperationRecord> op : byOperation.values()) {
            OperationRecord first = op.get(0);
            String node = first.node();
            Optional<Duration> start = time(op, r -> r.message().filter("started"::equals).isPresent());
            Optional<Duration> end = time(op, r -> r.status().equals("SUCCEEDED"));
            if (start.isEmpty()) {
                continue;
            }
            if (!first.kind().equals("RESUME")) {
                end.ifPresent(e -> out.add(stage(node, DESTROY, start.get(), e)));
                continue;
            }
            Optional<Duration> hook = hooks.stream().filter(h -> h.hook() == HookRole.RESUME
                            && h.at().compareTo(start.get()) <= 0 && HookClients.nodes(h).contains(node))
                    .map(HookCall::at).reduce((a, b) -> b);
            Optional<Duration> booting = time(op, r -> r.phase().equals("BOOTING"));
            Optional<Duration> address = time(op, r -> r.message().filter(m -> m.startsWith("address ")).isPresent());
            Optional<Duration> registered = end.flatMap(e -> registered(node, start.get(), states));
            Optional<Duration> jobDone = registered.flatMap(t -> jobs.values().stream()
                    .filter(j -> j.endedAt().isPresent() && j.endedAt().get().compareTo(t) >= 0)
                    .map(j -> j.endedAt().get()).min(Duration::compareTo));
            hook.ifPresent(h -> out.add(stage(node, HOOK, h, start.get())));
            booting.ifPresent(b -> out.add(stage(node, CREATE, start.get(), b)));
            booting.flatMap(b -> address.map(a -> stage(node, BOOT, b, a))).ifPresent(out::add);
            address.flatMap(a -> end.map(e -> stage(node, REPORT, a, e))).ifPresent(out::add);
            end.flatMap(e -> registered.map(r -> stage(node, REGISTER, e, r))).ifPresent(out::add);
            registered.flatMap(r -> jobDone.map(j -> stage(node, JOB, r, j))).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Duration> time(List<OperationRecord> op, java.util.function.Predicate<OperationRecord> p) {
        return op.stream().filter(p).findFirst().map(r -> Duration.between(zero, r.time()));
    }

    /** When slurmctld first showed the node up (responding, not powering up) after {@code after}. */
    static Optional<Duration> registered(String node, Duration after, List<StateChange> states) {
        return states.stream().filter(c -> c.node().equals(node) && c.at().compareTo(after) >= 0)
                .filter(c -> up(c.state())).map(StateChange::at).findFirst();
    }

    private static boolean up(NodeState s) {
        return !s.has(NodeFlag.POWERING_UP) && !s.has(NodeFlag.NOT_RESPONDING)
                && !s.has(NodeFlag.POWERED_DOWN) && s.base() != NodeBase.DOWN;
    }

    private static Stage stage(String node, String name, Duration from, Duration to) {
        Duration d = to.minus(from);
        return new Stage(node, name, from, d.isNegative() ? Duration.ZERO : d);
    }
}
