package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.io.AtomicFiles;

/**
 * Installs the hook programs {@code slurm-resume}, {@code slurm-suspend} and {@code slurm-resume-fail}: small
 * {@code /bin/sh} wrappers (mode 0755) that reopen closed standard descriptors on /dev/null and exec an
 * absolute java on the hooks jar, which is copied next to them (mode 0644). Then checks them the way
 * slurmctld 22.05 will ({@link HookProgramRules}) and checks that nothing they run can be replaced by
 * group or others.
 *
 * <pre>
 * java -jar provisioner-hooks.jar install --dir /usr/local/sbin [--lib-dir /usr/local/lib/elastic-slurm]
 *      [--java /usr/lib/jvm/java-17-openjdk-amd64/bin/java]
 * </pre>
 */
public final class Install {
    static final Map<String, String> HOOKS = Map.of(
            "slurm-resume", "resume", "slurm-suspend", "suspend", "slurm-resume-fail", "resume-fail");
    static final String JAR_NAME = "provisioner-hooks.jar";
    private static final Set<PosixFilePermission> GROUP_OR_WORLD_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private Install() {
    }

    /** Runs the installer; returns the exit status (0 when installed and every check passed). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.println("usage: install --dir DIR [--lib-dir DIR] [--java PATH] [--jar PATH] [--client-conf PATH]");
                return 0;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("install: unexpected argument " + args[i] + " (usage: install --dir DIR [--lib-dir DIR]"
                        + " [--java PATH] [--jar PATH])");
                return HookMain.USAGE;
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        if (!opts.containsKey("dir")) {
            err.println("install: --dir DIR is required (where slurm.conf's ResumeProgram etc. will point)");
            return HookMain.USAGE;
        }
        try {
            Path dir = absolute(opts.get("dir"), "--dir");
            Path libDir = absolute(opts.getOrDefault("lib-dir", "/usr/local/lib/elastic-slurm"), "--lib-dir");
            Path java = absolute(opts.getOrDefault("java", currentJava()), "--java").toRealPath();
            Path jar = opts.containsKey("jar") ? absolute(opts.get("jar"), "--jar") : ownJar();
            Path clientConf = absolute(opts.getOrDefault("client-conf", ClientConfig.DEFAULT_FILE), "--client-conf");
            if (!Files.isExecutable(java)) {
                err.println("install: " + java + " is not executable");
                return HookMain.USAGE;
            }
            Files.createDirectories(dir);
            Files.createDirectories(libDir);
            Path installedJar = libDir.resolve(JAR_NAME);
            if (!installedJar.equals(jar)) {
                AtomicFiles.replace(installedJar, tmp -> Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING),
                        PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> hook : new java.util.TreeMap<>(HOOKS).entrySet()) {
                Path target = dir.resolve(hook.getKey());
                String script = wrapper(hook.getKey(), hook.getValue(), java, installedJar, clientConf);
                AtomicFiles.replace(target, tmp -> Files.writeString(tmp, script),
                        PosixFilePermissions.fromString("rwxr-xr-x"));
                new HookProgramRules().problem(target.toString()).ifPresent(problems::add);
                out.println("installed " + target);
            }
            for (Path p : List.of(installedJar, libDir, java)) {
                writableByOthers(p).ifPresent(problems::add);
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("install: " + p));
                return 1;
            }
            out.println("slurm.conf:\n  ResumeProgram=" + dir.resolve("slurm-resume") + "\n  SuspendProgram="
                    + dir.resolve("slurm-suspend") + "\n  ResumeFailProgram=" + dir.resolve("slurm-resume-fail"));
            out.println("client configuration: " + clientConf + " (url=..., token-file=...)"
                    + (Files.exists(clientConf) ? "" : " - does not exist yet"));
            return 0;
        } catch (IOException | IllegalArgumentException | URISyntaxException e) {
            err.println("install: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The wrapper script of one hook. A client configuration other than {@link ClientConfig#DEFAULT_FILE} is
     * written into the script (slurmctld gives hooks no environment to name it).
     */
    static String wrapper(String name, String action, Path java, Path jar, Path clientConf) {
        String conf = clientConf.toString().equals(ClientConfig.DEFAULT_FILE) ? ""
                : ClientConfig.FILE_ENV + "='" + clientConf.toString().replace("'", "'\\''") + "'\n"
                + "export " + ClientConfig.FILE_ENV + "\n";
        return "#!/bin/sh\n"
                + "# " + name + ": Slurm hook program of the elastic-slurm provisioner; written by"
                + " 'provisioner-hooks.jar install'.\n"
                + "# slurmctld starts hooks with fds 0-2 closed: reopen them on /dev/null so that no file the JVM\n"
                + "# opens becomes stdin/stdout/stderr. No PATH is needed: every path is absolute.\n"
                + "[ -e /proc/self/fd/0 ] || exec 0</dev/null\n"
                + "[ -e /proc/self/fd/1 ] || exec 1>/dev/null\n"
                + "[ -e /proc/self/fd/2 ] || exec 2>/dev/null\n"
                + conf
                + "exec " + java + " -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m"
                + " -cp " + jar + " org.elasticslurm.provisioner.client.HookMain " + action + " \"$@\"\n";
    }

    private static Optional<String> writableByOthers(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.stream().anyMatch(GROUP_OR_WORLD_WRITE::contains)) {
            return Optional.of(p + " is group or world writable (" + PosixFilePermissions.toString(perms)
                    + "): anyone allowed to write it could change what the hooks run");
        }
        return Optional.empty();
    }

    private static Path absolute(String p, String option) {
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException(option + " must be an absolute path (" + p + ")");
        }
        return Path.of(p);
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static Path ownJar() throws URISyntaxException {
        Path p = Path.of(Install.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("not run from a jar (" + p + "): give --jar PATH to the hooks jar");
        }
        return p;
    }
}
