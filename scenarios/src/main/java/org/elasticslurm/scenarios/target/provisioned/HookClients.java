package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.PowerSaveSettings;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.trace.HookCall;

/**
 * The provisioner's hook clients in a lab: installed by the hooks jar's own {@code install} command
 * ({@code slurm-resume}, {@code slurm-suspend}, {@code slurm-resume-fail} in {@code sbin/}, the jar in
 * {@code lib/}), a {@code client.conf} pointing at the service, and at each path slurm.conf names a small
 * {@code /bin/sh} program that records the call ({@code <epoch ms> <role> <hostlist>} in {@code hook-calls}) and
 * execs the client with {@code ELASTIC_SLURM_CLIENT_CONF} set: slurmctld gives hooks no environment, and the
 * clients' default configuration is the machine's {@code /etc/elastic-slurm/client.conf}, not the lab's.
 */
public final class HookClients {

    private final Path dir;

    /** @param dir the clients' directory ({@code sbin/}, {@code lib/}, {@code client.conf}, {@code hook-calls}) */
    public HookClients(Path dir) {
        this.dir = dir;
    }

    /**
     * Installs the clients with the hooks jar's {@code install} command and writes {@code client.conf}.
     *
     * @throws TargetException when {@code install} fails (its output is in the message)
     */
    public void install(ProvisionerApp app, ProvisionerService service) {
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("install.log");
            Process p = new ProcessBuilder(ProvisionerService.javaBinary(), "-jar", app.hooksJar().toString(),
                    "install", "--dir", dir.resolve("sbin").toString(), "--lib-dir", dir.resolve("lib").toString(),
                    "--java", ProvisionerService.javaBinary()).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TargetException("the hook clients' install did not end within 120 s", null);
            }
            if (p.exitValue() != 0) {
                throw new TargetException("installing the hook clients failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(out), null);
            }
            Files.writeString(clientConf(), "url=" + service.url() + "\ntoken-file=" + service.tokenFile()
                    + "\nlog-file=" + dir.resolve("client.log") + "\ndeadline=5000\n");
            Files.writeString(dir.resolve("hook-calls"), "");
        } catch (IOException e) {
            throw new TargetException("cannot install the hook clients in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while installing the hook clients", e);
        }
    }

    /** The client configuration file. */
    public Path clientConf() {
        return dir.resolve("client.conf");
    }

    /** The installed client of a role ({@code sbin/slurm-resume} ...). */
    public Path client(HookRole role) {
        return dir.resolve("sbin").resolve(switch (role) {
            case RESUME -> "slurm-resume";
            case SUSPEND -> "slurm-suspend";
            case RESUME_FAIL -> "slurm-resume-fail";
        });
    }

    /**
     * Writes the program slurm.conf names for a role: records the call, then execs the installed client.
     *
     * @param file the path slurm.conf names
     * @param mode its file mode (the scenario's, default 0755)
     */
    public void writeProgram(Path file, HookRole role, int mode) throws IOException {
        Files.createDirectories(file.getParent());
        String text = "#!/bin/sh\n"
                + "# " + role + " hook of an elastic-lab run: records the call, then runs the provisioner's client.\n"
                + "[ -e /proc/self/fd/0 ] || exec 0</dev/null\n"
                + "[ -e /proc/self/fd/1 ] || exec 1>/dev/null\n"
                + "[ -e /proc/self/fd/2 ] || exec 2>/dev/null\n"
                + "echo \"$(/bin/date +%s%3N) " + role.keyword() + " $1\" >> " + dir.resolve("hook-calls") + "\n"
                + "ELASTIC_SLURM_CLIENT_CONF=" + clientConf() + "\n"
                + "export ELASTIC_SLURM_CLIENT_CONF\n"
                + "exec " + client(role) + " \"$@\"\n";
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, FileMode.permissions(mode));
    }

    /**
     * Writes the program of each of the scenario's hooks whose path slurm.conf gives inside the lab
     * ({@code $LAB/...}), with the hook's mode (default 0755); a path outside the lab is not written.
     *
     * @param lab the lab directory {@code $LAB} stands for
     */
    public void writePrograms(LoadedScenario loaded, Path lab) throws IOException {
        PowerSaveSettings settings = loaded.slurmConf().powerSave();
        for (Map.Entry<HookRole, HookSpec> e : loaded.scenario().hooks().entrySet()) {
            Optional<String> program = e.getKey().program(settings);
            if (program.isPresent() && program.get().startsWith("$LAB/")) {
                writeProgram(Path.of(program.get().replace("$LAB", lab.toString())), e.getKey(),
                        e.getValue().mode().orElse(0755));
            }
        }
    }

    /** The calls recorded so far, in scenario time (time 0 = {@code zero}). */
    public List<HookCall> calls(Instant zero) {
        Path file = dir.resolve("hook-calls");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<HookCall> out = new ArrayList<>();
        try {
            String text = Files.readString(file);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                String[] f = line.strip().split(" ", 3);
                if (f.length < 2) {
                    continue;
                }
                Duration at = Duration.between(zero, Instant.ofEpochMilli(Long.parseLong(f[0])));
                List<String> args = f.length > 2 && !f[2].isBlank() ? List.of(f[2].strip()) : List.of();
                out.add(new HookCall(at, role(f[1]), args));
            }
        } catch (IOException e) {
            throw new TargetException("cannot read the hook calls " + file, e);
        }
        return out;
    }

    /** Nodes of a hook call's hostlist. */
    public static List<String> nodes(HookCall call) {
        return call.args().isEmpty() ? List.of() : Hostlist.parse(call.args().get(0)).names();
    }

    private static HookRole role(String word) {
        return Arrays.stream(HookRole.values()).filter(r -> r.keyword().equals(word)).findFirst()
                .orElseThrow(() -> new TargetException("a hook recorded an unknown role '" + word + "'", null));
    }
}
