package org.elasticslurm.fake.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.elasticslurm.conf.ConfWarning;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.PowerSaveVerdict;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.controller.CommandResult;
import org.elasticslurm.fake.controller.ControllerOptions;
import org.elasticslurm.fake.controller.ControllerPorts;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.controller.NodeStateFeed;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.hook.ProcessHookRunner;
import org.elasticslurm.fake.sim.RealTimeDriver;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireClient;
import org.elasticslurm.fake.wire.WireException;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.WireServer;

/**
 * The fake slurmctld process: reads slurm.conf, runs the {@link SlurmController} on the wall clock
 * ({@link RealTimeDriver}), answers the drop-in commands and the fake slurmds over the wire protocol on
 * SlurmctldHost's address (a loopback one or one of this machine's) and SlurmctldPort, reaches each slurmd on
 * 127.0.0.1 or, with the controller off loopback, at its NodeAddr when that is an IP address, runs the real hook
 * programs, writes SlurmctldLogFile and SlurmctldPidFile. {@code scontrol reconfigure} re-reads slurm.conf;
 * {@code scontrol shutdown}, SIGTERM and SIGINT stop it.
 */
public final class SlurmctldDaemon {

    /** How long a power-save program may run before the diagnosis warns about it. */
    private static final Duration HOOK_LINGER = Duration.ofMinutes(5);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    /**
     * How the daemon was asked to run ({@code slurmctld -D -c -f FILE ...}).
     *
     * @param confFile   slurm.conf
     * @param foreground {@code -D}: stay in the foreground, log lines copied to stderr, working directory
     *                   unchanged; without it the daemon runs in the background in SlurmctldLogFile's directory
     *                   (else StateSaveLocation, else /var/tmp), as slurmctld changes to it
     * @param logFile    {@code -L}: log to this file instead of SlurmctldLogFile
     * @param arguments  the command line as given (to start the background copy)
     * @param version    the Slurm version whose behaviour the controller emulates
     * @param stateFeed  {@code --state-feed}: append every change of a node's shown state to this file
     *                   ({@link NodeStateFeed})
     * @param monotonicStartMillis {@code --monotonic-start-ms}: CLOCK_MONOTONIC at the start, in milliseconds
     *                   ({@link ControllerOptions#monotonicStartMillis()})
     */
    public record Options(Path confFile, boolean foreground, Optional<Path> logFile, List<String> arguments,
                          SlurmVersion version, Optional<Path> stateFeed, long monotonicStartMillis) {
    }

    private final Options options;
    private final PrintStream stderr;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();

    private SlurmConf conf;
    private DaemonLog log;
    private RealTimeDriver driver;
    private SlurmController controller;
    private WireServer server;
    private ExecutorService io;
    private SlurmdDirectory directory;
    private WireViews views;
    private Path hookScratch;
    private StateFeedFile stateFeed;

    private SlurmctldDaemon(Options options, PrintStream stderr) {
        this.options = options;
        this.stderr = stderr;
    }

    /**
     * Runs the daemon until it is told to stop (in the foreground), or starts it in the background.
     *
     * @return the exit status: 0, or 1 when slurm.conf or the set-up is unusable
     */
    public static int run(Options options, PrintStream stderr) {
        return new SlurmctldDaemon(options, stderr).run();
    }

    private int run() {
        Path confPath = options.confFile().toAbsolutePath();
        SlurmAddresses.Controller address;
        try {
            conf = new SlurmConfParser(options.version()).parse(confPath);
            address = SlurmAddresses.controllerHere(conf);
            checkPartitions(conf);
        } catch (SlurmConfException | IllegalArgumentException e) {
            return fatal(e.getMessage(), "Unable to process configuration file");
        }
        boolean child = Daemonizer.isDaemonChild();
        if (!options.foreground() && !child) {
            return detach(address);
        }
        boolean detached = child;
        try {
            return serve(confPath, address, detached);
        } catch (StartupException e) {
            return fatal(e.getMessage(), e.fatal);
        }
    }

    private int detach(SlurmAddresses.Controller address) {
        WireClient probe = new WireClient(address.address(), Duration.ofMillis(500), Duration.ofSeconds(2));
        try {
            Daemonizer.detach("org.elasticslurm.fake.cli.SlurmctldCommand", options.arguments(), workDirectory(),
                    () -> answers(probe));
            return 0;
        } catch (IllegalStateException e) {
            return fatal(e.getMessage(), "Unable to start slurmctld in the background");
        }
    }

    private static boolean answers(WireClient probe) {
        try {
            return probe.get(Routes.PING).optBool("ok").orElse(Boolean.FALSE);
        } catch (UnreachableException | WireException e) {
            return false;
        }
    }

    private int serve(Path confPath, SlurmAddresses.Controller address, boolean detached) {
        LogLevel level = LogLevel.parse(conf.parameter("SlurmctldDebug").orElse("info"))
                .orElseThrow(() -> new StartupException("SlurmctldDebug=" + conf.parameter("SlurmctldDebug").get()
                        + " is not a log level (quiet, fatal, error, info, verbose, debug, debug2 ... debug5)",
                        "Unable to process configuration file"));
        Optional<Path> logFile = options.logFile().or(() -> conf.parameter("SlurmctldLogFile").map(Path::of));
        try {
            log = new DaemonLog("slurmctld", logFile, detached ? Optional.empty() : Optional.of(stderr), level, clock);
        } catch (UncheckedIOException e) {
            throw new StartupException(e.getMessage(), "Unable to open the log file");
        }
        for (ConfWarning w : conf.warnings()) {
            log.log(LogLevel.ERROR, w.toString());
        }
        try {
            server = new WireServer(address.address(), "slurmctld-rpc", e -> log.log(LogLevel.ERROR,
                    "internal error answering a request: " + e));
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "Error binding slurm stream socket: " + e.getMessage());
            throw new StartupException("cannot listen on " + address.address() + ": " + e.getMessage(),
                    "slurm_init_msg_engine_addrname_port error " + e.getMessage());
        }
        Optional<PidFile> pidFile = conf.parameter("SlurmctldPidFile").map(p -> PidFile.create(Path.of(p)));
        Instant bootTime = clock.instant();
        try {
            start(confPath, address, bootTime);
            Thread hook = new Thread(this::stopOnSignal, "slurmctld-signal");
            Runtime.getRuntime().addShutdownHook(hook);
            awaitStop();
            cleanUp(pidFile);
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down because of a signal: the hook ends the process
            }
            return failed.get() ? 1 : 0;
        } catch (RuntimeException e) {
            cleanUp(pidFile);
            throw new StartupException(String.valueOf(e.getMessage()), "Unable to start slurmctld");
        }
    }

    private void start(Path confPath, SlurmAddresses.Controller address, Instant bootTime) {
        AtomicInteger ioThreads = new AtomicInteger();
        io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slurmctld-agent-" + ioThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        NodeFacts facts = new NodeFacts();
        JobExtras extras = new JobExtras();
        TaskResults results = new TaskResults();
        directory = new SlurmdDirectory(conf, address);
        views = new WireViews(conf, facts, extras);
        String clusterName = conf.parameter("ClusterName").orElse("cluster");
        HttpSlurmdChannel channel = new HttpSlurmdChannel(directory, io, facts, log);
        SlurmdJobLauncher launcher = new SlurmdJobLauncher(directory, io, extras, results, log, clusterName);
        hookScratch = conf.parameter("StateSaveLocation").map(Path::of).filter(Files::isWritable)
                .orElse(Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("fake-slurmctld-hooks-" + ProcessHandle.current().pid());
        ProcessHookRunner hooks = new ProcessHookRunner(Path.of("/usr/bin/perl"), hookScratch, clock, HOOK_LINGER);
        driver = new RealTimeDriver(clock, bootTime.toEpochMilli(), "slurmctld", this::controllerFailed);
        ControllerOptions controllerOptions = ControllerOptions.of(confPath, Path.of("").toAbsolutePath())
                .withVersion(options.version()).withMonotonicStart(options.monotonicStartMillis());
        controller = SlurmController.checkingPrograms(conf, driver,
                new ControllerPorts(hooks, channel, launcher, log), controllerOptions);
        directory.bind(controller::nodeAddr);
        ControllerAccess access = new ControllerAccess(driver, controller);
        launcher.bind(controller::job, node -> access.post(c -> c.slurmdResponded(node)));
        ControllerApi api = new ControllerApi(access, driver,
                new ControllerApi.ServerParts(views, extras, results, facts, launcher),
                new Lifecycle(access, confPath),
                new ControllerApi.Identity(clusterName, address.hostName(), bootTime.toEpochMilli(), bootTime),
                confPath.toString());
        api.register(server);
        controller.start();
        options.stateFeed().ifPresent(file -> feed(file.toAbsolutePath()));
        driver.start();
        server.start();
        log.log(LogLevel.INFO, "Running as primary controller");
    }

    private void feed(Path file) {
        try {
            stateFeed = new StateFeedFile(file, log);
        } catch (UncheckedIOException e) {
            throw new StartupException(e.getMessage(), "Unable to open the state feed");
        }
        NodeStateFeed feed = new NodeStateFeed(controller, driver, stateFeed);
        feed.check();
        driver.afterEachEvent(feed::check);
    }

    /** reconfigure and shutdown, as the routes ask for them. */
    private final class Lifecycle implements ControllerApi.Lifecycle {
        private final ControllerAccess access;
        private final Path confPath;

        Lifecycle(ControllerAccess access, Path confPath) {
            this.access = access;
            this.confPath = confPath;
        }

        @Override
        public Optional<String> reconfigure() {
            SlurmConf newConf;
            try {
                newConf = new SlurmConfParser(options.version()).parse(confPath);
                SlurmAddresses.controllerHere(newConf);
                checkPartitions(newConf);
            } catch (SlurmConfException | IllegalArgumentException e) {
                log.log(LogLevel.ERROR, "read_slurm_conf: " + e.getMessage());
                return Optional.of(e.getMessage());
            }
            PowerSaveVerdict verdict = new HookProgramRules().forVersion(options.version()).verdict(newConf);
            CommandResult result = access.call(c -> c.reconfigure(newConf, verdict));
            if (!result.ok()) {
                return Optional.of(result.error().get().message());
            }
            conf = newConf;
            directory.reconfigure(newConf);
            views.reconfigure(newConf);
            LogLevel.parse(newConf.parameter("SlurmctldDebug").orElse("info")).ifPresent(log::level);
            return Optional.empty();
        }

        @Override
        public void shutdown() {
            requestStop();
        }
    }

    private void requestStop() {
        if (stopping.compareAndSet(false, true)) {
            driver.execute(() -> controller.shutdown(stopped::countDown));
        }
    }

    private void stopOnSignal() {
        requestStop();
        try {
            if (cleanedUp.await(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                Runtime.getRuntime().halt(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void controllerFailed(Throwable e) {
        failed.set(true);
        log.log(LogLevel.FATAL, "the controller thread failed: " + e);
        stderr.println("slurmctld: fatal: the controller thread failed: " + e);
        stopped.countDown();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUp(Optional<PidFile> pidFile) {
        if (server != null) {
            server.stop(0);
        }
        if (driver != null) {
            try {
                driver.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (io != null) {
            io.shutdownNow();
        }
        pidFile.ifPresent(PidFile::close);
        if (stateFeed != null) {
            stateFeed.close();
        }
        deleteScratch();
        if (log != null) {
            log.close();
        }
    }

    private void deleteScratch() {
        if (hookScratch == null || !Files.exists(hookScratch)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(hookScratch)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "cannot remove " + hookScratch + ": " + e.getMessage());
        }
    }

    /** slurmctld's _set_work_dir: SlurmctldLogFile's directory, else StateSaveLocation, else /var/tmp. */
    private Path workDirectory() {
        Optional<Path> logDir = conf.parameter("SlurmctldLogFile").filter(p -> p.startsWith("/"))
                .map(p -> Path.of(p).getParent()).filter(Files::isWritable);
        if (logDir.isPresent()) {
            return logDir.get();
        }
        Optional<Path> state = conf.parameter("StateSaveLocation").map(Path::of).filter(Files::isWritable);
        return state.orElse(Path.of("/var/tmp"));
    }

    private static void checkPartitions(SlurmConf conf) {
        for (PartitionDefinition p : conf.partitions()) {
            try {
                WireViews.maxMinutes(p.maxTime());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p.location() + ": PartitionName=" + p.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private int fatal(String error, String fatal) {
        error.lines().forEach(line -> stderr.println("slurmctld: error: " + line));
        stderr.println("slurmctld: fatal: " + fatal);
        stderr.flush();
        return 1;
    }

    /** The daemon cannot start; {@code fatal} is the line slurmctld prints last. */
    private static final class StartupException extends RuntimeException {
        final String fatal;

        StartupException(String message, String fatal) {
            super(message);
            this.fatal = fatal;
        }
    }
}
