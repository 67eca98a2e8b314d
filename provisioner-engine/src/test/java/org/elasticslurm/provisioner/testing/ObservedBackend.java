package org.elasticslurm.provisioner.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;

/**
 * Wraps a backend and watches how the engine uses it: calls with their times, calls in progress per node
 * (two at once for one node is a violation), machines created while one existed, scripted failures.
 */
public final class ObservedBackend extends DelegatingBackend {
    private final Clock clock;
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final List<Instant> ensureTimes = Collections.synchronizedList(new ArrayList<>());
    public final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger inProgress = new AtomicInteger();
    public final AtomicInteger maxInProgress = new AtomicInteger();
    private final Map<String, AtomicInteger> perNode = new ConcurrentHashMap<>();
    /** Failures to throw from the next ensureRunning calls, in order. */
    public final List<BackendException> ensureFailures = Collections.synchronizedList(new ArrayList<>());
    /** Failures to throw from the next address calls, in order. */
    public final List<BackendException> addressFailures = Collections.synchronizedList(new ArrayList<>());
    /** Failures to throw from the next release calls, in order. */
    public final List<BackendException> releaseFailures = Collections.synchronizedList(new ArrayList<>());
    /** Runs inside ensureRunning, before the machine is made. */
    public volatile Consumer<MachineRequest> duringEnsure = r -> { };
    /** Runs inside release (with the node), before the machine is released. */
    public volatile Consumer<String> duringRelease = n -> { };

    public ObservedBackend(MachineBackend delegate, Clock clock) {
        super(delegate);
        this.clock = clock;
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        enter(request.node());
        try {
            calls.add("ensure " + request.node());
            ensureTimes.add(clock.instant());
            duringEnsure.accept(request);
            if (!ensureFailures.isEmpty()) {
                throw ensureFailures.remove(0);
            }
            boolean existed = delegate.list().stream().anyMatch(m -> m.node().equals(request.node()));
            Machine m = delegate.ensureRunning(request);
            long count = delegate.list().stream().filter(x -> x.node().equals(request.node())).count();
            if (count > 1 || (!existed && count != 1)) {
                violations.add("machines of " + request.node() + ": " + count);
            }
            return m;
        } finally {
            leave(request.node());
        }
    }

    @Override
    public Optional<String> address(String node) {
        enter(node);
        try {
            if (!addressFailures.isEmpty()) {
                throw addressFailures.remove(0);
            }
            return delegate.address(node);
        } finally {
            leave(node);
        }
    }

    @Override
    public void release(String node, String pool) {
        enter(node);
        try {
            calls.add("release " + node);
            if (!releaseFailures.isEmpty()) {
                throw releaseFailures.remove(0);
            }
            duringRelease.accept(node);
            delegate.release(node, pool);
        } finally {
            leave(node);
        }
    }

    public long callCount(String prefix) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    private void enter(String node) {
        int n = perNode.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
        if (n > 1) {
            violations.add(n + " backend calls at once for " + node);
        }
        int all = inProgress.incrementAndGet();
        maxInProgress.accumulateAndGet(all, Math::max);
    }

    private void leave(String node) {
        inProgress.decrementAndGet();
        perNode.get(node).decrementAndGet();
    }
}
