package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.lab.ControllerProbe;
import org.elasticslurm.scenarios.target.lab.LabJobs;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * One scenario on a lab with the real provisioner (libvirt-test, qemu): a slurmctld (fake or Debian's), the
 * provisioner service, its hook clients, and the {@link Guests} behind its machines; or, on qemu's persistent
 * guests, the same without a provisioner (the hooks reach the guests themselves). Scenario time is wall time
 * since the session opened. A poll thread samples slurmctld's node states and log, the provisioner's nodes and
 * operation log, and keeps the guests in step with them.
 */
public final class ProvisionedLabSession implements TargetSession {

    /**
     * How the lab is wired; built by the target.
     *
     * @param service the provisioner, or empty on a lab without one
     * @param hooks   where the hooks' calls are recorded
     * @param defunct the defunct processes the hooks left, or empty when the lab cannot find them
     */
    public record Parts(Clock clock, Instant zero, ControllerProbe probe, Optional<ProvisionerService> service,
                        HookClients hooks, LabJobs jobs, Guests guests, Path controllerLog,
                        Function<List<String>, List<String>> wrap, Map<String, String> environment,
                        String scontrol, List<Stage> setupStages, Duration sample,
                        org.elasticslurm.scenarios.target.lab.LabTeardown teardown,
                        Supplier<Optional<List<String>>> defunct) {
    }

    private final Parts parts;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "provisioned-lab-poll");
        t.setDaemon(true);
        return t;
    });
    private final List<StateChange> states = new ArrayList<>();
    private final Map<String, NodeState> last = new HashMap<>();
    private final List<LogLine> log = new ArrayList<>();
    private final RunStages stages;
    private volatile List<ProvisionedNode> nodes = List.of();
    private volatile List<OperationRecord> operations = List.of();
    private volatile RuntimeException pollError;
    private long logOffset;
    private int operationsLogged;
    private Duration lastPoll;

    /** Opens the session on a lab that is up; starts polling. */
    public ProvisionedLabSession(Parts parts) {
        this.parts = parts;
        this.stages = new RunStages(parts.zero());
        parts.teardown().add(poller::shutdownNow); // first thing undone, also on an interrupted run
        poll(Duration.ZERO); // the lab as it is when the scenario starts
        poller.scheduleWithFixedDelay(() -> poll(now()), parts.sample().toMillis(), parts.sample().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void poll(Duration at) {
        try {
            Map<String, NodeState> shown = parts.probe().nodeStates();
            synchronized (states) {
                Duration previous = lastPoll == null ? at : lastPoll;
                shown.forEach((node, s) -> {
                    if (!s.equals(last.put(node, s))) {
                        // seen at this poll; it may have begun any time after the previous poll
                        states.add(new StateChange(at, node, s, previous));
                    }
                });
                lastPoll = at;
            }
            readControllerLog(at);
            parts.jobs().records(parts.probe()); // a job's end is noted at the sample that first shows it
            if (parts.service().isPresent()) {
                ProvisionerService service = parts.service().get();
                if (service.alive()) {
                    nodes = service.nodes();
                }
                operations = service.operations();
            }
            synchronized (log) {
                for (; operationsLogged < operations.size(); operationsLogged++) {
                    OperationRecord r = operations.get(operationsLogged);
                    log.add(new LogLine(Duration.between(parts.zero(), r.time()), "provisioner",
                            r.kind().toLowerCase().replace('_', '-') + " " + r.node() + ": " + r.phase() + " " + r.status()
                                    + r.message().map(m -> " (" + m + ")").orElse("")));
                }
            }
            parts.guests().update(nodes, operations);
        } catch (RuntimeException e) {
            pollError = e;
        }
    }

    private void readControllerLog(Duration at) {
        Path file = parts.controllerLog();
        if (!Files.exists(file)) {
            return;
        }
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            if (ch.size() <= logOffset) {
                return;
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(ch.size() - logOffset, 4 << 20));
            ch.read(buf, logOffset);
            String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return;
            }
            logOffset += text.substring(0, end + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            synchronized (log) {
                for (String line : text.substring(0, end).split("\n")) {
                    log.add(new LogLine(at, "slurmctld", line));
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot read slurmctld's log " + file, e);
        }
    }

    @Override
    public Duration now() {
        return Duration.between(parts.zero(), parts.clock().instant());
    }

    @Override
    public void advanceTo(Duration time) {
        Duration left = time.minus(now());
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(left.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while waiting in the lab", e);
        }
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(500);
    }

    @Override
    public StepResult perform(Step.Action action) {
        Optional<StepResult> byGuests = parts.guests().perform(action);
        if (byGuests.isPresent()) {
            return byGuests.get();
        }
        if (action instanceof Step.Submit s) {
            return parts.jobs().submit(s, parts.probe());
        } else if (action instanceof Step.ScontrolUpdate u) {
            List<String> cmd = new ArrayList<>(List.of(parts.scontrol(), "update", "nodename=" + u.nodes()));
            u.settings().forEach((k, v) -> cmd.add(k + "=" + v));
            return command(cmd);
        } else if (action instanceof Step.RunCommand r && r.on().equals("controller")) {
            StepResult res = command(List.of("/bin/sh", "-c", r.command()));
            boolean ok = r.expectExit().isEmpty() || res.detail().startsWith("exit " + r.expectExit().getAsInt());
            return new StepResult(ok, res.detail());
        }
        throw new TargetException("this lab cannot carry out: " + action.describe(), null);
    }

    private StepResult command(List<String> cmd) {
        var r = org.elasticslurm.lab.process.CommandResult.run(parts.wrap().apply(cmd), parts.environment(),
                Path.of("/tmp"), Duration.ofSeconds(60));
        String detail = "exit " + r.exitCode() + (r.stdout().isBlank() ? "" : ": " + r.stdout().strip())
                + (r.stderr().isBlank() ? "" : " " + r.stderr().strip());
        return r.exitCode() == 0 ? StepResult.ok(detail) : StepResult.failed(detail);
    }

    @Override
    public Observations observations() {
        RuntimeException e = pollError;
        if (e != null) {
            throw e instanceof TargetException t ? t : new TargetException("observing the lab failed: " + e, e);
        }
        List<StateChange> s;
        synchronized (states) {
            s = List.copyOf(states);
        }
        List<LogLine> l;
        synchronized (log) {
            l = List.copyOf(log);
            l = l.stream().sorted(java.util.Comparator.comparing(LogLine::at)).toList();
        }
        var hooks = parts.hooks().calls(parts.zero());
        var jobs = parts.jobs().records(parts.probe());
        List<String> left = new ArrayList<>();
        for (ProvisionedNode n : nodes) {
            if (n.hasMachine()) {
                left.add(n.name() + ": " + n.phase() + n.backendId().map(b -> " (" + b + ")").orElse(""));
            }
        }
        left.addAll(parts.guests().leftOver());
        List<Stage> all = new ArrayList<>(parts.setupStages());
        all.addAll(stages.derive(operations, hooks, s, jobs));
        all.addAll(parts.guests().stages(parts.zero(), operations));
        return new Observations(s, hooks, l, jobs, Optional.of(left), parts.defunct().get(), all);
    }

    /** The provisioner's operation log lines so far (for figures). */
    public List<OperationRecord> operations() {
        return operations;
    }

    /** A passed run skips its teardown's steps for failed runs (keeping consoles and logs). */
    @Override
    public void ended(boolean passed) {
        if (passed) {
            parts.teardown().runPassed();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.teardown().close();
    }
}
