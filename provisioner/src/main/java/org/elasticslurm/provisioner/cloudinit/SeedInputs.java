package org.elasticslurm.provisioner.cloudinit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a node's seed is made of; also the variables a user-data template may use.
 *
 * @param node the Slurm node name ({@code node})
 * @param hostname the guest's hostname ({@code hostname}, meta-data local-hostname)
 * @param pool the node's pool ({@code pool})
 * @param instanceId cloud-init instance id ({@code instance_id}); a new one makes cloud-init run again
 * @param mungeKey the munge key ({@code munge_key_base64})
 * @param slurmConf slurm.conf content ({@code slurm_conf}, {@code slurm_conf_base64})
 * @param extra site variables from the pool ({@code user-data-vars.<name>})
 */
public record SeedInputs(String node, String hostname, String pool, String instanceId, byte[] mungeKey,
                         String slurmConf, Map<String, String> extra) {

    /** The variables every seed supplies. */
    public static final Set<String> STANDARD = Set.of("node", "hostname", "pool", "instance_id", "munge_key_base64",
            "slurm_conf", "slurm_conf_base64");

    private static final Pattern HOSTNAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern VARIABLE = Pattern.compile("[a-z][a-z0-9_]*");

    /** Checks hostname, instance id and the extra variables' names and values. */
    public SeedInputs {
        extra = Map.copyOf(extra);
        if (!HOSTNAME.matcher(hostname).matches() || hostname.length() > 253) {
            throw new IllegalArgumentException("hostname '" + hostname
                    + "' is not a valid host name (letters, digits, '-' in dot-separated labels of 1-63)");
        }
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id '" + instanceId
                    + "' may only use letters, digits, '.', '_' and '-' (1-128 characters)");
        }
        checkExtra(extra);
        mungeKey = mungeKey.clone();
    }

    /** The variable names a template may use given these extra variable names. */
    public static Set<String> knownVariables(Set<String> extraNames) {
        Set<String> all = new TreeSet<>(STANDARD);
        all.addAll(extraNames);
        return all;
    }

    /**
     * Checks site variables: names are lower-case identifiers that do not shadow a standard variable, values
     * are single lines.
     *
     * @throws IllegalArgumentException naming the bad variable and the rule
     */
    public static void checkExtra(Map<String, String> extra) {
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (!VARIABLE.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("user-data variable '" + e.getKey()
                        + "': names are lower-case letters, digits and '_', starting with a letter");
            }
            if (STANDARD.contains(e.getKey())) {
                throw new IllegalArgumentException("user-data variable '" + e.getKey()
                        + "' shadows a standard variable " + new TreeSet<>(STANDARD));
            }
            if (e.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new IllegalArgumentException("user-data variable '" + e.getKey()
                        + "': the value must be a single line without control characters");
            }
        }
    }

    /** The munge key (a copy). */
    @Override
    public byte[] mungeKey() {
        return mungeKey.clone();
    }

    /** Every variable with its value. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>(extra);
        v.put("node", node);
        v.put("hostname", hostname);
        v.put("pool", pool);
        v.put("instance_id", instanceId);
        v.put("munge_key_base64", Base64.getEncoder().encodeToString(mungeKey));
        v.put("slurm_conf", slurmConf);
        v.put("slurm_conf_base64", Base64.getEncoder().encodeToString(
                slurmConf.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedInputs s && node.equals(s.node) && hostname.equals(s.hostname) && pool.equals(s.pool)
                && instanceId.equals(s.instanceId) && java.util.Arrays.equals(mungeKey, s.mungeKey)
                && slurmConf.equals(s.slurmConf) && extra.equals(s.extra);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(node, hostname, pool, instanceId, java.util.Arrays.hashCode(mungeKey),
                slurmConf, extra);
    }

    @Override
    public String toString() {
        return "SeedInputs[node=" + node + ", hostname=" + hostname + ", pool=" + pool + ", instanceId=" + instanceId
                + ", mungeKey=(" + mungeKey.length + " bytes), slurmConf=(" + slurmConf.length() + " chars), extra="
                + extra.keySet() + "]";
    }
}
