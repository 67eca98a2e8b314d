package org.elasticslurm.fake.hook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * A {@link HookRunner} for virtual-time runs: nothing is executed; each start is recorded, listeners are told
 * (a simulated cloud boots nodes on a resume call), and the "process" ends after the simulated run time of its
 * {@link HookOutcome}.
 */
public final class RecordingHookRunner implements HookRunner {

    private final Scheduler scheduler;
    private final List<HookCall> calls = new ArrayList<>();
    private final Map<Long, Instant> releases = new HashMap<>();
    private final Map<HookKind, Function<HookInvocation, HookOutcome>> behaviours = new EnumMap<>(HookKind.class);
    private final List<Consumer<HookCall>> listeners = new ArrayList<>();
    private long nextPid;

    /**
     * @param scheduler the clock the simulated programs run on
     * @param firstPid the process id of the first program
     */
    public RecordingHookRunner(Scheduler scheduler, long firstPid) {
        this.scheduler = scheduler;
        this.nextPid = firstPid;
    }

    /** Sets how a program behaves (default: exit 0 at once). */
    public void behave(HookKind kind, Function<HookInvocation, HookOutcome> behaviour) {
        behaviours.put(kind, behaviour);
    }

    /** Adds a listener told of every start, on the controller thread, right after the start. */
    public void onStart(Consumer<HookCall> listener) {
        listeners.add(listener);
    }

    @Override
    public HookProcess start(HookInvocation invocation) {
        long pid = nextPid++;
        HookCall call = new HookCall(scheduler.now(), pid, invocation);
        calls.add(call);
        HookOutcome outcome = behaviours.getOrDefault(invocation.kind(), i -> HookOutcome.immediateSuccess())
                .apply(invocation);
        long exitAt = scheduler.nowMillis() + outcome.runTime().toMillis();
        for (Consumer<HookCall> listener : listeners) {
            listener.accept(call);
        }
        return new HookProcess() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public Optional<HookExit> pollExit() {
                return scheduler.nowMillis() >= exitAt ? Optional.of(outcome.exit()) : Optional.empty();
            }

            @Override
            public void release() {
                releases.put(pid, scheduler.now());
            }
        };
    }

    /** Every start so far, in order. */
    public List<HookCall> calls() {
        return List.copyOf(calls);
    }

    /** The starts of one program, in order. */
    public List<HookCall> calls(HookKind kind) {
        return calls.stream().filter(c -> c.kind() == kind).toList();
    }

    /** When the controller reaped a program and released its resume file, if it did yet. */
    public Optional<Instant> releasedAt(long pid) {
        return Optional.ofNullable(releases.get(pid));
    }
}
