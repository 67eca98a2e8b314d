package org.elasticslurm.fake.cli;

import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;

/**
 * {@code scontrol show hostnames | hostlist | hostlistsorted}: host list expansion and compression, needing neither
 * slurm.conf nor a controller.
 */
final class ScontrolHostlist {

    private final ScontrolSession session;
    private final ClientContext ctx;

    ScontrolHostlist(ScontrolSession session) {
        this.session = session;
        this.ctx = session.ctx;
    }

    /** {@code show hostnames}: one name a line; without an argument the job's SLURM_NODELIST. */
    void hostnames(Optional<String> argument) {
        Optional<String> expression = argument.or(() -> Optional.ofNullable(ctx.env.get("SLURM_NODELIST")));
        if (expression.isEmpty() || expression.get().isBlank()) {
            ctx.error("host list is empty");
            return;
        }
        try {
            Hostlist.parse(expression.get()).names().forEach(ctx.out::println);
        } catch (HostlistException e) {
            ctx.error(e.getMessage());
            ctx.err.println("Invalid hostlist: " + expression.get());
        }
    }

    /** {@code show hostlist} and {@code show hostlistsorted}. */
    void encode(Optional<String> expression, boolean sorted) {
        if (expression.isEmpty()) {
            session.fail();
            ctx.err.println("invalid encode argument");
            session.usage();
            return;
        }
        try {
            Hostlist list = Hostlist.parse(expression.get());
            ctx.out.println(sorted ? list.compressSorted() : list.compress());
        } catch (HostlistException e) {
            session.fail();
            ctx.error(e.getMessage());
            ctx.err.println("Invalid hostlist: " + expression.get());
        }
    }
}
