package org.elasticslurm.scenarios.target.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * A lab network of its own for one run ({@code ci/netlab.sh up} with a unique {@code ESL_NETNS}): namespace,
 * bridge br0 with the gateway address, dnsmasq with the default reservations (testN -> MAC -> address). Torn
 * down with {@code ci/netlab.sh down} once everything the run started inside it has ended.
 */
final class NetLab implements AutoCloseable {
    private final Path script;
    private final Map<String, String> env;
    private final Map<String, String> settings;

    private NetLab(Path script, Map<String, String> env, Map<String, String> settings) {
        this.script = script;
        this.env = env;
        this.settings = settings;
    }

    /** Brings the lab up (namespace {@code netns}); tears down what it made when that fails. */
    static NetLab up(Path ci, String netns) {
        Path script = ci.resolve("netlab.sh");
        Map<String, String> env = new HashMap<>(Map.of("ESL_NETNS", netns));
        CommandResult r = Shell.run(List.of(script.toString(), "up"), env, Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            Shell.run(List.of(script.toString(), "down"), env, Duration.ofMinutes(1));
            throw new TargetException("ci/netlab.sh up (ESL_NETNS=" + netns + ") failed: " + r.stderr().strip(), null);
        }
        Map<String, String> settings = new HashMap<>();
        for (String line : Shell.check(List.of(script.toString(), "env"), env, Duration.ofSeconds(30)).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                settings.put(line.substring(0, eq), line.substring(eq + 1).replace("\\", ""));
            }
        }
        return new NetLab(script, env, settings);
    }

    String netns() {
        return settings.get("ESL_NETNS");
    }

    String gateway() {
        return settings.get("ESL_LAB_GATEWAY");
    }

    Path hosts() {
        return Path.of(settings.get("ESL_LAB_HOSTS"));
    }

    Path events() {
        return Path.of(settings.get("ESL_LAB_EVENTS"));
    }

    /** The MAC reserved for a node, from the reservation file. */
    String macOf(String node) {
        return reservation(node)[0];
    }

    /** The address reserved for a node. */
    String addressOf(String node) {
        return reservation(node)[1];
    }

    private String[] reservation(String node) {
        try {
            for (String line : java.nio.file.Files.readAllLines(hosts())) {
                String[] f = line.replaceAll("#.*", "").strip().split(",");
                if (f.length >= 3 && f[2].strip().equals(node)) {
                    return new String[] {f[0].strip(), f[1].strip()};
                }
            }
        } catch (java.io.IOException e) {
            throw new TargetException("cannot read the lab's reservations " + hosts(), e);
        }
        throw new TargetException("the lab has no reservation for node " + node + " in " + hosts()
                + " (netlab.sh reserves test1..test16; other nodes need ci/netlab.sh host-add)", null);
    }

    /** Reserves an address for a node that has none yet ({@code ci/netlab.sh host-add}); index 1.. picks it. */
    void reserve(String node, int index) {
        try {
            reservation(node);
            return;
        } catch (TargetException e) {
            // no reservation yet: add one below
        }
        String mac = String.format("52:54:00:77:01:%02x", index);
        String ip = gateway().substring(0, gateway().lastIndexOf('.') + 1) + (100 + index);
        Shell.check(List.of(script.toString(), "host-add", mac, ip, node), env, Duration.ofSeconds(30));
    }

    /** The environment the lab's scripts need (ESL_NETNS ...). */
    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    @Override
    public void close() {
        CommandResult r = Shell.run(List.of(script.toString(), "down"), env, Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new TargetException("ci/netlab.sh down (ESL_NETNS=" + netns() + ") failed: " + r.stderr().strip(),
                    null);
        }
    }
}
