package org.elasticslurm.fake.cli;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/** {@code scontrol show ENTITY [ID]}: config, node[s], job[s], and the host list entities. */
final class ScontrolShow {

    private final ScontrolSession session;
    private final ClientContext ctx;
    private final ScontrolHostlist hostlist;

    ScontrolShow(ScontrolSession session) {
        this.session = session;
        this.ctx = session.ctx;
        this.hostlist = new ScontrolHostlist(session);
    }

    /** {@code words}: the command line from {@code show} on. */
    void run(List<String> words) {
        if (words.size() < 2) {
            session.failQuietly("too few arguments for keyword:" + words.get(0));
            return;
        }
        if (words.size() > 3) {
            session.tooMany(words.get(0));
            return;
        }
        String tag = words.get(1);
        Optional<String> val = Optional.empty();
        int eq = tag.indexOf('=');
        if (eq >= 0) {
            val = Optional.of(tag.substring(eq + 1));
            tag = tag.substring(0, eq);
        } else if (words.size() == 3) {
            val = Optional.of(words.get(2));
        }
        if (Keywords.matches(tag, "config", 1)) {
            config();
        } else if (Keywords.matches(tag, "hostnames", 5)) {
            hostlist.hostnames(val);
        } else if (Keywords.matches(tag, "hostlist", 5)) {
            hostlist.encode(val, false);
        } else if (Keywords.matches(tag, "hostlistsorted", 9)) {
            hostlist.encode(val, true);
        } else if (Keywords.matches(tag, "jobs", 1) || Keywords.matches(tag, "jobid", 1)) {
            jobs(val);
        } else if (Keywords.matches(tag, "nodes", 1) || Keywords.matches(tag, "NodeName", 3)) {
            nodes(val);
        } else {
            session.failQuietly("invalid entity:" + tag + " for keyword:" + words.get(0) + " ");
        }
    }

    private void nodes(Optional<String> names) {
        NodeListing listing;
        try {
            listing = session.controller().nodes(Optional.empty());
        } catch (UnreachableException | WireException e) {
            session.failed("slurm_load_node error", e);
            return;
        }
        boolean oneLiner = session.oneLiner();
        if (names.isEmpty()) {
            if (listing.nodes().isEmpty()) {
                if (!session.quiet()) {
                    ctx.out.println("No nodes in the system");
                }
                return;
            }
            NodeFormatter formatter = new NodeFormatter(session.times);
            listing.nodes().forEach(n -> ctx.out.print(formatter.format(n, oneLiner)));
            return;
        }
        List<String> wanted;
        try {
            wanted = Hostlist.parse(names.get()).names();
        } catch (HostlistException e) {
            session.failQuietly("unable to parse node list " + names.get());
            return;
        }
        NodeFormatter formatter = new NodeFormatter(session.times);
        for (String name : wanted) {
            Optional<NodeInfo> node = listing.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
            if (node.isPresent()) {
                ctx.out.print(formatter.format(node.get(), oneLiner));
            } else {
                session.fail();
                if (!session.quiet()) {
                    ctx.out.println("Node " + name + " not found");
                }
            }
        }
    }

    private void jobs(Optional<String> id) {
        ControllerClient.Result<JobListing> result;
        try {
            result = session.controller().jobs(id);
        } catch (UnreachableException | WireException e) {
            session.failed("slurm_load_jobs error", e);
            return;
        }
        if (result.error().isPresent()) {
            session.failQuietly("slurm_load_jobs error: " + result.error().get());
            return;
        }
        JobListing listing = result.value().get();
        if (listing.jobs().isEmpty()) {
            if (!session.quiet()) {
                ctx.out.println("No jobs in the system");
            }
            return;
        }
        JobFormatter formatter = new JobFormatter(session.times);
        for (JobInfo job : listing.jobs()) {
            ctx.out.print(formatter.format(job, listing.now(), session.oneLiner()));
        }
    }

    private void config() {
        ControllerClient.Result<List<List<String>>> result;
        var address = ctx.controllerAddress();
        try {
            result = session.controller().config();
        } catch (UnreachableException | WireException e) {
            session.failed("slurm_load_ctl_conf error", e);
            return;
        }
        if (result.error().isPresent()) {
            session.fail();
            ctx.err.println("slurm_load_ctl_conf error: " + result.error().get());
            return;
        }
        ctx.out.println("Configuration data as of " + session.times.timestamp(OptionalLong.of(
                System.currentTimeMillis() / 1000)));
        for (List<String> row : result.value().get()) {
            ctx.out.println(OutputFormat.pad(row.get(0), 23, false, false) + " = " + row.get(1));
        }
        ctx.out.println();
        ctx.out.println("Slurmctld(primary) at " + address.hostName() + " is UP");
    }
}
