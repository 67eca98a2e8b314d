package org.elasticslurm.provisioner.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private mount namespace in which /etc, /usr and /var are overlays of the machine's own directories whose
 * writes all go to directories of a {@link ScratchInstall}: dpkg, its maintainer scripts (adduser included) and
 * the installed service run there as they would on the machine, with the machine's files below, while the
 * machine's /etc, /usr and dpkg database are never written. Commands enter it with nsenter; its files are seen
 * from outside through /proc/PID/root of the process holding it. Needs root.
 */
final class DebSandbox implements AutoCloseable {
    private static final List<String> OVERLAID = List.of("etc", "usr", "var");

    private final ScratchInstall scratch;
    private final Process holder;

    private DebSandbox(ScratchInstall scratch, Process holder) {
        this.scratch = scratch;
        this.holder = holder;
    }

    /** Mounts the overlays in a new mount namespace held by a sleeping shell. */
    static DebSandbox open(ScratchInstall scratch) throws IOException {
        StringBuilder mounts = new StringBuilder("set -e\n");
        for (String dir : OVERLAID) {
            Path upper = Files.createDirectories(scratch.base.resolve("overlay/upper/" + dir));
            Path work = Files.createDirectories(scratch.base.resolve("overlay/work/" + dir));
            mounts.append("mount -t overlay overlay -o lowerdir=/").append(dir).append(",upperdir=").append(upper)
                    .append(",workdir=").append(work).append(" /").append(dir).append('\n');
        }
        mounts.append("echo ready\nexec sleep 86400\n");
        Process holder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                mounts.toString()).redirectError(scratch.base.resolve("sandbox.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        if (!"ready".equals(out.readLine())) {
            holder.destroyForcibly();
            throw new IllegalStateException("the overlays could not be mounted: "
                    + Files.readString(scratch.base.resolve("sandbox.err")));
        }
        return new DebSandbox(scratch, holder);
    }

    /** A path of the sandbox ("/etc/...") as seen from outside it. */
    Path view(String absolute) {
        return Path.of("/proc", String.valueOf(holder.pid()), "root", absolute.substring(1));
    }

    /** Runs a command in the sandbox as root with the environment of this JVM and {@code env}. */
    ScratchInstall.Run run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        return scratch.run(entering(argv), env);
    }

    /** Runs a command in the sandbox as {@code user} (of the sandbox) with exactly the environment {@code env}. */
    ScratchInstall.Run runAs(String user, Map<String, String> env, List<String> argv)
            throws IOException, InterruptedException {
        return scratch.run(entering(ScratchInstall.asUser(user, user, env, argv)), Map.of());
    }

    /** Starts a long-running command in the sandbox; its output goes to {@code output}. */
    Process start(List<String> argv, Path output) throws IOException {
        return new ProcessBuilder(entering(argv)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** The command's first line of output, which must succeed. */
    String line(String... argv) throws IOException, InterruptedException {
        return scratch.check(run(List.of(argv), Map.of())).stdout().strip();
    }

    private List<String> entering(List<String> argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(holder.pid()), "--mount",
                "--"));
        cmd.addAll(argv);
        return cmd;
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroy();
        if (!holder.waitFor(10, TimeUnit.SECONDS)) {
            holder.destroyForcibly().waitFor();
        }
    }
}
