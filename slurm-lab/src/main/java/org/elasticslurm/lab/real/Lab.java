package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.LabProcesses;
import org.elasticslurm.lab.process.Pause;
import org.elasticslurm.lab.trace.LabText;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * One running Slurm lab on this machine: a directory ({@code slurm.conf}, {@code state/}, {@code spool/NODE/},
 * {@code log/}, {@code hooks/}, {@code jobs/}, {@code trace}), a controller started as
 * {@code slurmctld -D -c -f slurm.conf}, one {@code slurmd -D -N NODE [-b] -f slurm.conf} per started node, a
 * {@link TraceRecorder} and the nodes' states recorded from {@code scontrol show node} samples
 * ({@link NodeStateSampler}) or, when the commands offer it ({@link SlurmCommands#stateFeed()}), from the
 * controller's node-state feed ({@code slurmctld --state-feed log/slurmctld.state-feed}). Which executables run is
 * decided by {@link SlurmCommands}, so the same lab runs the real daemons or drop-in ones.
 *
 * <p>{@link #close()} ends everything by PID (background commands and slurmd: SIGKILL; slurmctld: SIGTERM, then
 * SIGKILL after 15 s; then every process carrying the lab's marker), releases the ports it reserved (see
 * {@link FreePorts}: no other lab, in this JVM or another, is handed them meanwhile) and deletes the directory
 * unless asked to keep it. A JVM shutdown hook does the same if the JVM ends first (the operating system drops
 * the port reservations of an ended JVM by itself).
 */
public final class Lab implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(30);
    private static final Duration SLURMCTLD_GRACE = Duration.ofSeconds(15);
    /**
     * How long a lab reading the node-state feed goes on recording before {@code end}: the feed shows a state the
     * moment it begins, sooner than a sample would, and what the same event starts (a hook program writing its
     * {@code hook} line, a daemon's log lines) must still make it into the trace.
     */
    private static final Duration FEED_SETTLE = Duration.ofSeconds(1);

    private final SlurmCommands commands;
    private final Path dir;
    private final RenderedConf conf;
    private final LabResources resources;
    private final Map<String, String> environment;
    private final LabProcesses processes;
    private final TraceRecorder recorder;
    private final ControllerLogRecording log;
    private final LabJobs jobs;
    private final Map<String, Process> slurmds = new HashMap<>();
    private NodeStates states;
    private Process slurmctld;

    private Lab(SlurmCommands commands, Path dir, RenderedConf conf, FreePorts ports, Clock clock, String host) {
        this.commands = commands;
        this.dir = dir;
        this.conf = conf;
        this.resources = new LabResources(dir, ports);
        this.processes = new LabProcesses(dir);
        this.recorder = new TraceRecorder(dir.resolve("trace"), dir.resolve("start"), clock, new LabText(dir, host));
        this.log = new ControllerLogRecording(new SlurmctldLog(dir.resolve("log/slurmctld.log")), recorder);
        this.environment = commands.labEnvironment(dir);
        this.jobs = new LabJobs(dir, processes, environment, recorder);
    }

    /**
     * Lays out a lab directory under {@code parent} (keep that path short: slurmd puts unix sockets in its
     * spool directory, whose paths may not exceed 107 bytes), starts slurmctld, waits until
     * {@code scontrol ping} reports it UP, then starts the clock ({@code start}) and the node-state observation.
     */
    public static Lab start(SlurmCommands commands, ConfTemplate template, List<HookSpec> hooks, Path parent,
                            Clock clock) {
        return start(commands, template, hooks, LabPlacement.under(parent), clock);
    }

    /** As {@link #start(SlurmCommands, ConfTemplate, List, Path, Clock)}, in the placement's directory and ports. */
    public static Lab start(SlurmCommands commands, ConfTemplate template, List<HookSpec> hooks,
                            LabPlacement placement, Clock clock) {
        Path dir = LabDirectory.create(placement.parent());
        String host = LabDirectory.shortHostName();
        FreePorts ports = placement.ports();
        RenderedConf conf;
        try {
            conf = template.render(dir, host, ports);
        } catch (RuntimeException e) {
            ports.close();
            throw e;
        }
        Lab lab = new Lab(commands, dir, conf, ports, clock, host);
        try {
            lab.layOut(hooks);
            lab.resources.tearDownAtExit(lab::tearDown);
            lab.startController();
            return lab;
        } catch (RuntimeException e) {
            lab.resources.keepDirectory();
            lab.close();
            throw e;
        }
    }

    private void layOut(List<HookSpec> hooks) {
        try {
            for (String sub : List.of("state", "log", "jobs")) {
                Files.createDirectories(dir.resolve(sub));
            }
            for (String node : conf.nodes()) {
                Files.createDirectories(dir.resolve("spool").resolve(node));
            }
            Files.writeString(confFile(), conf.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot lay out lab " + dir, e);
        }
        new HookPrograms(dir.resolve("hooks"), recorder.traceFile(), dir.resolve("start")).write(hooks);
    }

    private void startController() {
        Path exe = commands.require("slurmctld");
        List<String> command = new ArrayList<>(List.of(exe.toString(), "-D", "-c", "-f", confFile().toString()));
        if (commands.stateFeed()) {
            command.addAll(List.of("--state-feed", stateFeed().toString()));
        }
        slurmctld = processes.start(command, environment, dir.resolve("log/slurmctld.out"),
                dir.resolve("log/slurmctld.out"));
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (!controllerAnswers()) {
            if (!slurmctld.isAlive()) {
                throw new LabException("slurmctld exited with status " + slurmctld.exitValue() + " before answering; "
                        + "see " + dir.resolve("log"));
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("slurmctld did not answer 'scontrol ping' within " + READY_LIMIT.toSeconds()
                        + " s; see " + dir.resolve("log"));
            }
            Pause.pause(Duration.ofMillis(200));
        }
        recorder.start();
        states = commands.stateFeed()
                ? new NodeStateFeedReader(stateFeed(), conf.nodes(), recorder, log::observe)
                : new NodeStateSampler(List.of(scontrol()), environment, dir, conf.nodes(), recorder, log::observe);
        states.start();
    }

    private Path stateFeed() {
        return dir.resolve("log/slurmctld.state-feed");
    }

    private boolean controllerAnswers() {
        CommandResult ping = CommandResult.run(List.of(scontrol(), "ping"), environment, dir, Duration.ofSeconds(10));
        return ping.exitCode() == 0 && ping.stdout().contains(" is UP");
    }

    /** Starts {@code slurmd -D -N NODE ARGS -f slurm.conf} and records {@code slurmd NODE ARGS}. */
    public synchronized void startSlurmd(String node, List<String> args) {
        requireNode(node);
        Process running = slurmds.get(node);
        if (running != null && running.isAlive()) {
            throw new LabException("slurmd for " + node + " is already running (pid " + running.pid() + ")");
        }
        List<String> command = new ArrayList<>(List.of(commands.require("slurmd").toString(),
                "-D", "-N", node));
        command.addAll(args);
        command.addAll(List.of("-f", confFile().toString()));
        recorder.record("slurmd", (node + " " + String.join(" ", args)).strip());
        Path out = dir.resolve("log/slurmd-" + node + ".out");
        slurmds.put(node, processes.start(command, environment, out, out));
    }

    /** SIGKILLs a node's slurmd (as if its machine vanished) and records {@code kill slurmd NODE}. */
    public synchronized void killSlurmd(String node) {
        requireNode(node);
        Process running = slurmds.remove(node);
        if (running == null || !running.isAlive()) {
            throw new LabException("no running slurmd for " + node + " to kill");
        }
        recorder.record("kill", "slurmd " + node);
        LabProcesses.kill(running);
    }

    /**
     * Runs a shell command in the background ({@code bash -c}, Slurm commands first on PATH, {@code SLURM_CONF}
     * and {@code LAB} set) and records {@code bg NAME CMD}; at its end records its stdout lines
     * ({@code out NAME LINE}), stderr lines ({@code err NAME LINE}) and {@code exit NAME STATUS}.
     */
    public void background(String name, String command) {
        jobs.start("bg", name, command);
    }

    /** Like {@link #background} but records {@code run NAME CMD} and waits up to {@code limit} for it. */
    public void run(String name, String command, Duration limit) {
        Process process = jobs.start("run", name, command);
        if (!awaitJob(name, limit)) {
            LabProcesses.kill(process);
            throw new LabException("command '" + name + "' did not end within " + limit.toSeconds() + " s: " + command);
        }
    }

    /** Waits until a background command has ended and its end is recorded; false if it is still running. */
    public boolean awaitJob(String name, Duration timeout) {
        return jobs.await(name, timeout);
    }

    /** Records {@code mark TEXT}. */
    public void mark(String text) {
        recorder.record("mark", text);
    }

    /** Records an {@code abort} line: the scenario stopped early for the reason given. */
    public void abort(String reason) {
        recorder.record("abort", reason);
    }

    /**
     * Records every new controller log line matching the pattern as {@code log LINE} (process ids written as
     * {@code pid N}); returns how many.
     */
    public int recordLog(Pattern pattern) {
        return log.recordNow(pattern);
    }

    /**
     * Records, when the recording ends, every controller log line matching the pattern that no step has recorded,
     * at the time it was first seen: the rest of a burst of lines of which a step saw only the first (the daemon
     * writes them one after another), and later occurrences.
     */
    public void recordLogUntilEnd(Pattern pattern) {
        log.followUntilEnd(pattern);
    }

    /** The last recorded state of a node. */
    public Optional<String> state(String node) {
        requireNode(node);
        return states.current(node);
    }

    /**
     * Waits until the state of a node equals {@code state}: now, or at a time within {@code timeout} (in a sample
     * taken then, see {@link NodeStateSampler#awaitState}, or in a feed line dated then); false if it did not.
     */
    public boolean awaitState(String node, String state, Duration timeout) {
        requireNode(node);
        return states.awaitState(node, state, timeout);
    }

    /** Time since the start. */
    public Duration elapsed() {
        return recorder.elapsed();
    }

    /** Time from the start to {@code instant} (e.g. the time of a controller log line). */
    public Duration elapsedAt(Instant instant) {
        return recorder.elapsedAt(instant);
    }

    /**
     * Ends the recording: one last sample (or, 1 s later, the rest of the feed), {@code exit NAME running} for
     * background commands still running, {@code end}; returns the trace sorted by time. Processes keep running until
     * {@link #close()}.
     */
    public synchronized Trace finish() {
        if (commands.stateFeed()) {
            Pause.pause(FEED_SETTLE);
        }
        states.catchUp();
        states.close();
        log.recordFollowed();
        jobs.finish();
        recorder.record("end", "");
        Trace trace = recorder.snapshot();
        trace.write(dir.resolve("trace.sorted"));
        return trace;
    }

    /** Copies the lab's logs, rendered slurm.conf and trace into {@code target} (for a report). */
    public void copyArtifacts(Path target) {
        try {
            Files.createDirectories(target);
            Files.copy(confFile(), target.resolve("slurm.conf"), StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> logs = Files.list(dir.resolve("log"))) {
                for (Path file : (Iterable<Path>) logs::iterator) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy lab artifacts to " + target, e);
        }
    }

    /** PIDs of the live processes this lab started, directly or through its daemons (see {@link LabProcesses}). */
    public List<Long> markedProcesses() {
        return processes.markedPids();
    }

    /** Keeps the lab directory after {@link #close()} (for looking into a failure). */
    public void keepDirectory() {
        resources.keepDirectory();
    }

    public Path directory() {
        return dir;
    }

    public RenderedConf conf() {
        return conf;
    }

    public Path confFile() {
        return dir.resolve("slurm.conf");
    }

    /** Environment of the lab's commands: inherited minus SLURM_*, Slurm commands first on PATH, SLURM_CONF, LAB. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Ends the lab's processes, then releases its ports and removes its shutdown hook, also when ending them fails
     * (see {@link LabResources}).
     */
    @Override
    public synchronized void close() {
        resources.close(this::tearDown);
    }

    /** Ends the lab's processes (idempotent; also the shutdown hook's clean-up, so synchronized). */
    private synchronized void tearDown() {
        if (states != null) {
            states.close();
        }
        jobs.killAll();
        slurmds.values().forEach(LabProcesses::kill);
        if (slurmctld != null) {
            LabProcesses.terminate(slurmctld, SLURMCTLD_GRACE.toSeconds());
        }
        processes.killAll();
    }

    private String scontrol() {
        return commands.require("scontrol").toString();
    }

    private void requireNode(String node) {
        if (!conf.nodes().contains(node)) {
            throw new LabException("node '" + node + "' is not in this lab's slurm.conf (nodes: " + conf.nodes() + ")");
        }
    }
}
