package org.elasticslurm.provisioner.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;

/**
 * Checks that an accepting reply is the provisioner's: {@code {"operations":[{"id","node","kind","status",...}]}}
 * with one operation for every distinct node of the hostlist, and nothing else. Anything else (an empty
 * {@code {}}, a page of another server at the configured url) is a failure, never taken as success.
 */
final class ServiceReply {
    private static final List<String> FIELDS = List.of("id", "node", "kind", "status");

    private ServiceReply() {
    }

    /**
     * The problem with an accepting reply to a request for these nodes, or null when it is the service's answer.
     *
     * @param hostlist the hostlist that was posted
     * @param body the reply's body
     */
    static String problem(String hostlist, String body) {
        Object reply;
        try {
            reply = JsonReader.read(body);
        } catch (IllegalArgumentException e) {
            return "the reply is " + e.getMessage();
        }
        if (!(reply instanceof Map<?, ?> top) || !(top.get("operations") instanceof List<?> ops)) {
            return "the reply has no \"operations\" array";
        }
        Set<String> nodes = new LinkedHashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Map<?, ?> op)) {
                return "operations[" + i + "] is not an object";
            }
            for (String f : FIELDS) {
                if (!(op.get(f) instanceof String)) {
                    return "operations[" + i + "]." + f + " is missing or not a string";
                }
            }
            nodes.add((String) op.get("node"));
        }
        Set<String> asked;
        try {
            asked = new LinkedHashSet<>(Hostlist.parse(hostlist).names());
        } catch (HostlistException e) {
            return ops.isEmpty() ? "the reply has no operation" : null;
        }
        if (!nodes.equals(asked) || ops.size() != asked.size()) {
            return "the reply's operations are for " + (nodes.isEmpty() ? "no node" : String.join(",", nodes))
                    + ", not one for each of " + hostlist;
        }
        return null;
    }
}
