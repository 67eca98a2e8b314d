package org.elasticslurm.provisioner.admin;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.elasticslurm.provisioner.client.HooksSetup;

/**
 * The administrator's commands of {@code elastic-slurm-provisioner} (the service itself is started with
 * {@code elastic-slurm-provisioner serve}, see the packaged script):
 * <pre>
 * token new [--file PATH] [--owner USER] [--force]
 * hooks install --url URL [--ca FILE] [--client-conf PATH] [--token-file PATH] [--slurm-user USER] [--dir DIR] ...
 * check [--config FILE]
 * sim-slurmd --url URL [--token-file PATH] [--slurmd PATH] [--slurm-conf PATH] [--interval MS]
 * </pre>
 * Exit status: 0 done / nothing wrong, 1 something is wrong (each problem on its own line), 64 bad usage.
 * Runs without Quarkus: a plain main on the service's class path.
 */
public final class AdminMain {
    static final int PROBLEM = 1;
    static final int USAGE = 64;
    /** System property with the hooks jar that {@code hooks install} copies (set by the packaged script). */
    static final String HOOKS_JAR_PROPERTY = "elastic-slurm.hooks-jar";
    private static final String USAGE_TEXT = """
            usage: elastic-slurm-provisioner COMMAND
              serve                                   run the service
              token new [--file PATH] [--owner USER] [--force]
              hooks install --url URL [--ca FILE] [--client-conf PATH] [--token-file PATH] [--slurm-user USER]
                            [--dir DIR] [--lib-dir DIR] [--java PATH] [--log-file PATH] [--deadline MS]
              check [--config FILE]
              sim-slurmd --url URL [--token-file PATH] [--slurmd PATH] [--slurm-conf PATH] [--interval MS]""";

    private AdminMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        try {
            if (a.size() >= 2 && a.get(0).equals("token") && a.get(1).equals("new")) {
                Options o = Options.parse(a.subList(2, a.size()), Set.of("file", "owner"), Set.of("force"));
                return new TokenCommand(new SecureRandom()).run(o, out, err);
            }
            if (a.size() >= 2 && a.get(0).equals("hooks") && a.get(1).equals("install")) {
                List<String> rest = new ArrayList<>(a.subList(2, a.size()));
                String jar = System.getProperty(HOOKS_JAR_PROPERTY);
                if (jar != null && !rest.contains("--jar")) {
                    rest.addAll(List.of("--jar", jar));
                }
                return HooksSetup.run(rest.toArray(String[]::new), out, err);
            }
            if (!a.isEmpty() && a.get(0).equals("check")) {
                return new CheckCommand().run(Options.parse(a.subList(1, a.size()), Set.of("config"), Set.of()), out);
            }
            if (!a.isEmpty() && a.get(0).equals("sim-slurmd")) {
                return new SimSlurmdCommand().run(Options.parse(a.subList(1, a.size()),
                        Set.of("url", "token-file", "slurmd", "slurm-conf", "interval"), Set.of()), out, err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(String.join(" ", a.subList(0, Math.min(2, a.size()))) + ": " + e.getMessage());
            return USAGE;
        }
        if (a.size() == 1 && a.get(0).equals("--help")) {
            out.println(USAGE_TEXT);
            return 0;
        }
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
