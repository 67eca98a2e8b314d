package org.elasticslurm.fake.cli;

import java.util.List;
import org.elasticslurm.fake.wire.NodeUpdateRequest;

/**
 * {@code scontrol update NodeName=...} and {@code scontrol power ...} (24.11 and later), which stands for a node
 * update. Other entities (partitions, jobs, reservations) are refused.
 */
final class ScontrolUpdate {

    private final ScontrolSession session;
    private final ClientContext ctx;

    ScontrolUpdate(ScontrolSession session) {
        this.session = session;
        this.ctx = session.ctx;
    }

    /** {@code words}: the command line from {@code update} on. */
    void update(List<String> words) {
        if (words.size() < 2) {
            session.fail();
            ctx.err.println("too few arguments for " + words.get(0) + " keyword");
            return;
        }
        List<String> args = words.subList(1, words.size());
        boolean node = false;
        for (String a : args) {
            int eq = a.indexOf('=');
            String tag = eq < 0 ? a : a.substring(0, eq);
            if (Keywords.matches(tag, "NodeName", 3)) {
                node = true;
                break;
            }
            if (Keywords.matches(tag, "PartitionName", 3) || Keywords.matches(tag, "JobId", 3)
                    || Keywords.matches(tag, "Reservation", 3)) {
                session.fail();
                ctx.error("this scontrol updates nodes only (NodeName=...)");
                return;
            }
        }
        if (!node) {
            session.fail();
            ctx.err.println("No valid entity in update command");
            ctx.err.println("Input line must include \"NodeName\", \"PartitionName\", \"Reservation\", \"JobId\", "
                    + "or \"SlurmctldDebug\"");
            return;
        }
        NodeUpdateArguments.Parsed parsed = NodeUpdateArguments.parse(args, user(), ctx.program);
        if (parsed.request().isEmpty()) {
            session.fail();
            parsed.messages().forEach(ctx.err::println);
            if (parsed.perror()) {
                ctx.err.println("slurm_update error: No error");
            }
            return;
        }
        NodeUpdateRequest request = parsed.request().get();
        session.simple("slurm_update error", () -> session.controller().updateNode(request));
    }

    /** {@code words}: the command line from {@code power} on. */
    void power(List<String> words) {
        ScontrolPower.Parsed parsed = ScontrolPower.parse(words);
        if (parsed.error() != null) {
            session.fail();
            ctx.err.println(parsed.error());
        } else {
            update(parsed.updateWords());
        }
    }

    private String user() {
        return ctx.env.getOrDefault("USER", System.getProperty("user.name"));
    }
}
