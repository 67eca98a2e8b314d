package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.io.AtomicFiles;

/**
 * {@code hooks install}: writes the hooks' client configuration and installs the three hook programs
 * ({@link Install}), so that slurmctld's ResumeProgram, SuspendProgram and ResumeFailProgram reach the service.
 * Every input is checked first (the url by {@link ClientConfig}'s rules, the ca and token files by
 * {@link TrustedFile}'s, for the user the hooks will run as); nothing is written when one is wrong.
 *
 * <pre>
 * hooks install --url URL [--ca FILE] [--client-conf PATH] [--token-file PATH] [--slurm-user USER]
 *               [--dir DIR] [--lib-dir DIR] [--java PATH] [--jar PATH] [--log-file PATH] [--deadline MS]
 * </pre>
 */
public final class HooksSetup {
    /** Exit status when an input or an installed file breaks a rule. */
    public static final int PROBLEM = 1;
    private static final String USAGE = "usage: hooks install --url URL [--ca FILE] [--client-conf PATH]"
            + " [--token-file PATH] [--slurm-user USER] [--dir DIR] [--lib-dir DIR] [--java PATH] [--jar PATH]"
            + " [--log-file PATH] [--deadline MS]";
    private static final List<String> OPTIONS = List.of("url", "ca", "client-conf", "token-file", "slurm-user", "dir",
            "lib-dir", "java", "jar", "log-file", "deadline");

    private HooksSetup() {
    }

    /**
     * Runs {@code hooks install}.
     *
     * @param args the options after {@code hooks install}
     * @return 0 when installed and every check passed, {@link #PROBLEM} when a check failed, 64 on bad usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (args[i].equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (!OPTIONS.contains(name) || i + 1 >= args.length) {
                err.println("hooks install: unexpected argument " + args[i] + " (" + USAGE + ")");
                return HookMain.USAGE;
            }
            opts.put(name, args[++i]);
        }
        if (!opts.containsKey("url")) {
            err.println("hooks install: --url URL is required (the service, e.g. https://prov.example.org:8443)");
            return HookMain.USAGE;
        }
        Path conf = Path.of(opts.getOrDefault("client-conf", ClientConfig.DEFAULT_FILE));
        String slurmUser = opts.getOrDefault("slurm-user", System.getProperty("user.name"));
        String text = clientConf(opts);
        List<String> problems = new ArrayList<>();
        try {
            ClientConfig parsed = ClientConfig.parse(text, conf);
            if (parsed.ca() != null) {
                trusted(parsed.ca(), "ca", slurmUser, false, problems);
            }
            trusted(parsed.tokenFile(), "token-file", slurmUser, true, problems);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!conf.isAbsolute()) {
            problems.add("--client-conf must be an absolute path (" + conf + ")");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("hooks install: " + p));
            err.println("hooks install: nothing was written");
            return PROBLEM;
        }
        try {
            Files.createDirectories(conf.getParent());
            AtomicFiles.replace(conf, tmp -> Files.writeString(tmp, text), PosixFilePermissions.fromString("rw-r--r--"));
            out.println("wrote " + conf);
            TrustedFile.check(conf, "client configuration", slurmUser);
        } catch (IOException | IllegalArgumentException e) {
            err.println("hooks install: " + e.getMessage());
            return PROBLEM;
        }
        List<String> install = new ArrayList<>(List.of("--dir", opts.getOrDefault("dir", "/usr/local/sbin"),
                "--client-conf", conf.toString()));
        for (String o : List.of("lib-dir", "java", "jar")) {
            if (opts.containsKey(o)) {
                install.addAll(List.of("--" + o, opts.get(o)));
            }
        }
        return Install.run(install.toArray(String[]::new), out, err);
    }

    /** The client.conf text for the options. */
    static String clientConf(Map<String, String> opts) {
        StringBuilder b = new StringBuilder("# written by 'elastic-slurm-provisioner hooks install'\n");
        b.append("url=").append(opts.get("url").strip()).append('\n');
        b.append("token-file=").append(opts.getOrDefault("token-file", "/etc/elastic-slurm/token")).append('\n');
        if (opts.containsKey("ca")) {
            b.append("ca=").append(opts.get("ca")).append('\n');
        }
        b.append("log-file=").append(opts.getOrDefault("log-file", "/var/log/elastic-slurm/hooks.log")).append('\n');
        b.append("deadline=").append(opts.getOrDefault("deadline", "800")).append('\n');
        return b.toString();
    }

    private static void trusted(Path file, String what, String user, boolean secret, List<String> problems) {
        try {
            TrustedFile.check(file, what, user);
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            boolean ownerReads = a.owner().getName().equals(user) && a.permissions().contains(PosixFilePermission.OWNER_READ);
            boolean othersRead = a.permissions().contains(PosixFilePermission.OTHERS_READ);
            if (!user.equals("root") && !ownerReads && (secret || !othersRead)) {
                problems.add(what + " " + file + " cannot be read by " + user + ", the user the hooks run as"
                        + " (SlurmUser; owner " + a.owner().getName() + ", mode "
                        + PosixFilePermissions.toString(a.permissions()) + "): chown " + user + " " + file);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(what + " " + file + " does not exist" + (secret ? ": copy the service's token file there"
                    + " (owned by SlurmUser " + user + ", mode 0600)" : ""));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
