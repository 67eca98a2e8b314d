package org.elasticslurm.provisioner.slurm;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.testing.TestPorts;

/**
 * Debian's slurmctld 22.05 in the foreground on a free loopback port, with CLOUD nodes {@code node1} and
 * {@code node2} ({@code PrivateData=cloud} so that scontrol shows them powered down; the resume and suspend
 * programs do nothing). munged is started by ci/start-munge.sh
 * if it is not running. Stopped by PID (SIGTERM, then SIGKILL).
 */
final class RealSlurmctld implements AutoCloseable {
    final Path dir;
    final Path conf;
    private final Process process;

    RealSlurmctld(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Process munge = new ProcessBuilder("/bin/bash", Path.of("../ci/start-munge.sh").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String mungeOut = new String(munge.getInputStream().readAllBytes());
        if (munge.waitFor() != 0) {
            throw new IllegalStateException("ci/start-munge.sh failed: " + mungeOut);
        }
        for (String d : new String[] {"state", "log", "hooks"}) {
            Files.createDirectories(dir.resolve(d));
        }
        for (String hook : new String[] {"resume", "suspend"}) {
            Path h = dir.resolve("hooks/" + hook);
            Files.writeString(h, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
        conf = dir.resolve("slurm.conf");
        Files.writeString(conf, """
                ClusterName=provit
                SlurmctldHost=%s(127.0.0.1)
                SlurmUser=root
                SlurmdUser=root
                AuthType=auth/munge
                StateSaveLocation=%s/state
                SlurmctldPidFile=%s/slurmctld.pid
                SlurmctldLogFile=%s/log/slurmctld.log
                SlurmctldPort=%d
                SlurmdPort=%d
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_Core
                MpiDefault=none
                ReturnToService=2
                SuspendProgram=%s/hooks/suspend
                ResumeProgram=%s/hooks/resume
                PrivateData=cloud
                SuspendTime=300
                ResumeTimeout=300
                NodeName=node[1-2] State=CLOUD CPUs=1
                PartitionName=debug Nodes=node[1-2] Default=YES MaxTime=INFINITE State=UP
                """.formatted(host, dir, dir, dir, TestPorts.next(), TestPorts.next(), dir, dir));
        process = new ProcessBuilder("/usr/sbin/slurmctld", "-D", "-c", "-f", conf.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log/stdout").toFile())
                .start();
        ScontrolController scontrol = controller();
        await("slurmctld answers scontrol ping").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("slurmctld exited", () -> !process.isAlive())
                .ignoreException(SlurmException.class).until(() -> {
                    scontrol.ping();
                    return true;
                });
    }

    ScontrolController controller() {
        return new ScontrolController(Path.of("/usr/bin/scontrol"), conf, Duration.ofSeconds(20), new ProcessRunner());
    }

    /** Runs the real scontrol against this daemon (e.g. {@code update nodename=node2 state=POWER_UP}). */
    void scontrol(String... args) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("/usr/bin/scontrol"));
        argv.addAll(java.util.List.of(args));
        ProcessRunner.Result r;
        try {
            r = new ProcessRunner().run(argv, java.util.Map.of("SLURM_CONF", conf.toString()), Duration.ofSeconds(20));
        } catch (ProcessRunner.TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": exit " + r.exitCode() + ": " + r.stderr());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
