package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that connects a machine's tap device to the network, run after the domain was started paused and
 * before it is resumed ({@code provisioner.pools.<name>.attach-command}).
 *
 * @param argv argument vector; the first element is an absolute path; placeholders {@code {tap}},
 *             {@code {node}}, {@code {domain}}, {@code {mac}} and {@code {pool}} are replaced in every element
 * @param timeout how long it may run before it is killed with its process group (and the start fails)
 */
public record AttachCommand(List<String> argv, Duration timeout) {
    /** The placeholders that are replaced. */
    public static final Set<String> PLACEHOLDERS = Set.of("tap", "node", "domain", "mac", "pool");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_-]+)}");

    /** Checks the rules named in the parameter descriptions; unknown placeholders are refused. */
    public AttachCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the first element must be an absolute path (" + argv + ")");
        }
        if (argv.get(0).contains("{")) {
            throw new IllegalArgumentException("the first element (the program) must not contain placeholders ("
                    + argv.get(0) + ")");
        }
        List<String> unknown = new ArrayList<>();
        for (String a : argv) {
            Matcher m = PLACEHOLDER.matcher(a);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    unknown.add(m.group());
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholders " + unknown + " (known: {tap} {node} {domain}"
                    + " {mac} {pool})");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive (" + timeout + ")");
        }
    }

    /** The argument vector for one interface. */
    List<String> render(String tap, String node, String domain, String mac, String pool) {
        return argv.stream().map(a -> a.replace("{tap}", tap).replace("{node}", node).replace("{domain}", domain)
                .replace("{mac}", mac).replace("{pool}", pool)).toList();
    }
}
