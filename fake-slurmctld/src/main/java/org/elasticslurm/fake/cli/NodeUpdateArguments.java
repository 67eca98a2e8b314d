package org.elasticslurm.fake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.elasticslurm.fake.controller.NodeStateRequest;
import org.elasticslurm.fake.wire.NodeUpdateRequest;

/**
 * {@code scontrol update NodeName=... State=... Reason=... NodeAddr=... NodeHostName=...}, read as 22.05's
 * scontrol_update_node reads it, with its messages for what it refuses.
 */
final class NodeUpdateArguments {

    /**
     * The outcome of reading the words.
     *
     * @param request  the update to send, when the words are acceptable
     * @param messages what scontrol prints on stderr when they are not
     * @param perror   whether scontrol then also prints "slurm_update error: No error" (an Invalid input word)
     */
    record Parsed(Optional<NodeUpdateRequest> request, List<String> messages, boolean perror) {
    }

    private NodeUpdateArguments() {
    }

    /** Reads the words after {@code update} (NodeName= among them) for {@code user}. */
    static Parsed parse(List<String> words, String user, String program) {
        String names = null;
        Optional<String> state = Optional.empty();
        Optional<String> reason = Optional.empty();
        Optional<String> addr = Optional.empty();
        Optional<String> host = Optional.empty();
        int updates = 0;
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                return refused(List.of(program + ": error: Invalid input: " + word + "  Request aborted"), true);
            }
            String tag = word.substring(0, eq);
            String val = word.substring(eq + 1);
            if (Keywords.matches(tag, "NodeAddr", 5)) {
                addr = Optional.of(val);
                updates++;
            } else if (Keywords.matches(tag, "NodeHostName", 5)) {
                host = Optional.of(val);
                updates++;
            } else if (Keywords.matches(tag, "NodeName", 1)) {
                names = val;
            } else if (Keywords.matches(tag, "Reason", 1)) {
                String r = val.startsWith("\"") ? val.substring(1) : val;
                if (r.endsWith("\"")) {
                    r = r.substring(0, r.length() - 1);
                }
                reason = Optional.of(r);
                updates++;
            } else if (Keywords.matches(tag, "State", 1)) {
                Optional<NodeStateRequest> parsed = NodeStateRequest.parse(val);
                if (parsed.isEmpty()) {
                    return refused(List.of("Invalid input: " + word, "Request aborted",
                            "Valid states are: NoResp DRAIN FAIL FUTURE RESUME POWER_DOWN POWER_UP UNDRAIN",
                            "Not all states are valid given a node's prior state"), false);
                }
                state = Optional.of(parsed.get().keyword());
                updates++;
            } else {
                return refused(List.of("Update of this parameter is not supported: " + word, "Request aborted"),
                        false);
            }
        }
        if (state.isPresent() && reason.filter(r -> !r.isEmpty()).isEmpty()) {
            String s = state.get().toUpperCase(Locale.ROOT);
            if (s.equals("DOWN") || s.equals("DRAIN") || s.equals("FAIL")) {
                return refused(List.of("You must specify a reason when DOWNING or DRAINING a node. Request denied"),
                        false);
            }
        }
        if (updates == 0) {
            return refused(List.of("No changes specified"), false);
        }
        return new Parsed(Optional.of(new NodeUpdateRequest(names, state, reason, addr, host, user)), List.of(),
                false);
    }

    private static Parsed refused(List<String> messages, boolean perror) {
        return new Parsed(Optional.empty(), new ArrayList<>(messages), perror);
    }
}
