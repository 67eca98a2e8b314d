package org.elasticslurm.fake.slurmd;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.server.DaemonLog;
import org.elasticslurm.fake.server.Daemonizer;
import org.elasticslurm.fake.server.PidFile;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.LaunchRequest;
import org.elasticslurm.fake.wire.Registration;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.SlurmReply;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireClient;
import org.elasticslurm.fake.wire.WireException;
import org.elasticslurm.fake.wire.WireServer;

/**
 * The fake slurmd of one node ({@code slurmd -D -N NODE [-b] [-f FILE]}): listens on the node's Port, on 127.0.0.1
 * when the controller is at a loopback address, else on every address of its machine (as the real slurmd; the
 * controller reaches it at the node's NodeAddr); registers with the controller with a boot time that is the
 * machine's ({@code btime}) or, with {@code -b}, its own start, answers pings and registration requests, runs job
 * commands as real processes and reports their output and exit, and registers again when the controller restarts.
 * SIGTERM and SIGINT stop it; a SIGKILL leaves the node silent, as a vanished machine.
 */
public final class SlurmdDaemon {

    /**
     * How the daemon was asked to run.
     *
     * @param confFile   slurm.conf
     * @param node       {@code -N}: the node this slurmd is
     * @param rebootNow  {@code -b}: report a boot time of now (the node just booted)
     * @param foreground {@code -D}
     * @param logFile    {@code -L}: log here instead of SlurmdLogFile
     * @param arguments  the command line as given (to start the background copy)
     * @param version    the Slurm version whose slurm.conf rules apply
     */
    public record Options(Path confFile, String node, boolean rebootNow, boolean foreground, Optional<Path> logFile,
                          List<String> arguments, SlurmVersion version) {
    }

    private static final DateTimeFormatter STARTED = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Options options;
    private final PrintStream stderr;
    private final Clock clock = Clock.systemUTC();
    private final MachineFacts machine = new MachineFacts(Path.of("/proc"));
    private final CountDownLatch stop = new CountDownLatch(1);

    private SlurmdDaemon(Options options, PrintStream stderr) {
        this.options = options;
        this.stderr = stderr;
    }

    /** Runs the daemon until it is stopped, or starts it in the background; returns the exit status. */
    public static int run(Options options, PrintStream stderr) {
        return new SlurmdDaemon(options, stderr).run();
    }

    private int run() {
        Path confPath = options.confFile().toAbsolutePath();
        SlurmConf conf;
        NodeDefinition node;
        SlurmAddresses.Controller controller;
        try {
            conf = new SlurmConfParser(options.version()).parse(confPath);
            controller = SlurmAddresses.controller(conf);
        } catch (SlurmConfException | IllegalArgumentException e) {
            return fatal(e.getMessage(), "Unable to process configuration file");
        }
        Optional<NodeDefinition> found = conf.node(options.node());
        if (found.isEmpty()) {
            return fatal("node " + options.node() + " is not defined in " + confPath,
                    "Unable to determine this slurmd's NodeName");
        }
        node = found.get();
        int port = SlurmAddresses.slurmdPort(conf, node);
        InetSocketAddress listen = SlurmAddresses.slurmdListen(conf, node, controller);
        if (!options.foreground() && !Daemonizer.isDaemonChild()) {
            return detach(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        Instant started = clock.instant();
        long startSeconds = started.getEpochSecond();
        long machineBoot = machine.bootTime();
        LogLevel level = LogLevel.parse(conf.parameter("SlurmdDebug").orElse("info")).orElse(LogLevel.INFO);
        Optional<Path> logFile = options.logFile().or(() -> conf.parameter("SlurmdLogFile")
                .map(p -> Path.of(expand(p, node.name(), machine.hostName()))));
        DaemonLog log;
        try {
            log = new DaemonLog("slurmd", logFile, Daemonizer.isDaemonChild() ? Optional.empty()
                    : Optional.of(stderr), level, clock);
        } catch (UncheckedIOException e) {
            return fatal(e.getMessage(), "Unable to open the log file");
        }
        WireServer server;
        try {
            server = new WireServer(listen, "slurmd-rpc", e -> log.log(LogLevel.ERROR, "internal error: " + e));
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "Error binding slurm stream socket: " + e.getMessage());
            log.log(LogLevel.FATAL, "Unable to bind listen port (" + port + "): " + e.getMessage());
            log.close();
            return 1;
        }
        Optional<PidFile> pidFile = conf.parameter("SlurmdPidFile")
                .map(p -> PidFile.create(Path.of(expand(p, node.name(), machine.hostName()))));
        Path spool = Path.of(expand(conf.parameter("SlurmdSpoolDir").orElse("/var/spool/slurmd"), node.name(),
                machine.hostName()));
        WireClient controllerClient = new WireClient(controller.address(), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        long bootTime = options.rebootNow() ? startSeconds : machineBoot;
        ControllerLink link = new ControllerLink(controllerClient, () -> registration(node, port, bootTime,
                startSeconds), log);
        JobRunner runner = new JobRunner(node.name(), spool, confPath, log, link::report);
        routes(server, node.name(), link, runner);
        log.log(LogLevel.INFO, "slurmd version " + SlurmController.SLURM_VERSION + " started");
        log.log(LogLevel.INFO, "slurmd started on " + STARTED.format(started));
        log.log(LogLevel.INFO, "CPUs=" + node.cpus() + " Boards=1 Sockets=" + node.sockets() + " Cores="
                + node.coresPerSocket() + " Threads=" + node.threadsPerCore() + " Memory=" + machine.memoryMb()
                + " TmpDisk=0 Uptime=" + Math.max(0, startSeconds - bootTime)
                + " CPUSpecList=(null) FeaturesAvail=(null) FeaturesActive=(null)");
        server.start();
        link.start();
        Thread hook = new Thread(() -> {
            stop.countDown();
            link.stop();
            server.stop(0);
            pidFile.ifPresent(PidFile::close);
            log.close();
            Runtime.getRuntime().halt(0);
        }, "slurmd-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void routes(WireServer server, String node, ControllerLink link, JobRunner runner) {
        server.route("GET", Routes.SLURMD_PING, r -> forMe(r, node)
                .orElseGet(() -> SlurmReply.ok().put("cpuLoad", machine.cpuLoad())
                        .put("freeMem", machine.freeMemoryMb())))
                .route("POST", Routes.SLURMD_REGISTRATION_REQUEST, r -> forMe(r, node).orElseGet(() -> {
                    link.registrationRequested();
                    return SlurmReply.ok();
                }))
                .route("POST", Routes.SLURMD_LAUNCH, r -> forMe(r, node).orElseGet(() -> {
                    runner.launch(LaunchRequest.fromJson(r.body()));
                    return SlurmReply.ok();
                }))
                .route("POST", Routes.SLURMD_TERMINATE, r -> forMe(r, node).orElseGet(() -> {
                    runner.terminate(r.body().number("jobId"));
                    return SlurmReply.ok();
                }));
    }

    /** A request meant for another node (its slurmd on this port died and this one took the port) is refused. */
    private static Optional<JsonObject> forMe(WireServer.WireRequest request, String node) {
        String wanted = request.query().get("node");
        if (wanted != null && !wanted.equals(node)) {
            return Optional.of(SlurmReply.error("this slurmd runs as node " + node + ", not " + wanted));
        }
        return Optional.empty();
    }

    private Registration registration(NodeDefinition node, int port, long bootTime, long startSeconds) {
        long now = clock.instant().getEpochSecond();
        return new Registration(node.name(), Math.max(0, now - bootTime), startSeconds, node.cpus(),
                machine.memoryMb(), machine.hostName(), machine.arch(), machine.os(), SlurmController.SLURM_VERSION,
                machine.cpuLoad(), machine.freeMemoryMb(), port);
    }

    /** Starts the background copy; {@code probe} is where it answers on this machine. */
    private int detach(InetSocketAddress probe) {
        WireClient client = new WireClient(probe, Duration.ofMillis(500), Duration.ofSeconds(2));
        try {
            Daemonizer.detach("org.elasticslurm.fake.cli.SlurmdCommand", options.arguments(), Path.of("/"),
                    () -> answers(client));
            return 0;
        } catch (IllegalStateException e) {
            return fatal(e.getMessage(), "Unable to start slurmd in the background");
        }
    }

    private boolean answers(WireClient probe) {
        try {
            return probe.get(Routes.SLURMD_PING + "?node=" + options.node()).optBool("ok").orElse(Boolean.FALSE);
        } catch (UnreachableException | WireException e) {
            return false;
        }
    }

    /** Slurm's %n (node name) and %h (host name) in SlurmdLogFile, SlurmdPidFile, SlurmdSpoolDir. */
    static String expand(String pattern, String node, String host) {
        return pattern.replace("%n", node).replace("%h", host);
    }

    private int fatal(String error, String fatal) {
        error.lines().forEach(line -> stderr.println("slurmd: error: " + line));
        stderr.println("slurmd: fatal: " + fatal);
        stderr.flush();
        return 1;
    }
}
