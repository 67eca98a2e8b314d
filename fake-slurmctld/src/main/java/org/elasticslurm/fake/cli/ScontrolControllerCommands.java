package org.elasticslurm.fake.cli;

import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/** The scontrol commands addressed to slurmctld itself: {@code ping}, {@code reconfigure}, {@code shutdown}. */
final class ScontrolControllerCommands {

    private final ScontrolSession session;
    private final ClientContext ctx;

    ScontrolControllerCommands(ScontrolSession session) {
        this.session = session;
        this.ctx = session.ctx;
    }

    void ping() {
        var address = ctx.controllerAddress();
        boolean up;
        try {
            up = session.controller().ping().optBool("ok").orElse(Boolean.FALSE);
        } catch (UnreachableException | WireException e) {
            up = false;
        }
        ctx.out.println("Slurmctld(primary) at " + address.hostName() + " is " + (up ? "UP" : "DOWN"));
        if (!up) {
            session.fail();
            if (ClientIdentity.current().uid() == 0) {
                ctx.out.println("*****************************************");
                ctx.out.println("** RESTORE SLURMCTLD DAEMON TO SERVICE **");
                ctx.out.println("*****************************************");
            }
        }
    }

    void reconfigure() {
        session.simple("slurm_reconfigure error", () -> session.controller().reconfigure());
    }

    void shutdown() {
        session.simple("slurm_shutdown error", () -> session.controller().shutdown());
    }
}
