package org.elasticslurm.fake.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.elasticslurm.fake.controller.PingReply;
import org.elasticslurm.fake.controller.SlurmdChannel;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireClient;
import org.elasticslurm.fake.wire.WireException;

/**
 * The controller's pings and registration requests, sent to the fake slurmds over the wire protocol on an I/O
 * thread (the slurmd's address is looked up on the controller thread, where the calls come from). A slurmd that
 * does not listen, or that runs as another node, does not answer.
 */
final class HttpSlurmdChannel implements SlurmdChannel {

    private final SlurmdDirectory directory;
    private final Executor io;
    private final NodeFacts facts;
    private final DaemonLog log;

    HttpSlurmdChannel(SlurmdDirectory directory, Executor io, NodeFacts facts, DaemonLog log) {
        this.directory = directory;
        this.io = io;
        this.facts = facts;
        this.log = log;
    }

    @Override
    public void ping(String node, Consumer<Optional<PingReply>> reply) {
        Optional<WireClient> client = directory.client(node);
        io.execute(() -> {
            Optional<JsonObject> answer = send(client, node, "GET", Routes.SLURMD_PING, null);
            Optional<PingReply> ping = answer.map(a -> new PingReply(a.number("cpuLoad"), a.number("freeMem")));
            ping.ifPresent(p -> facts.pinged(node, p.cpuLoad(), p.freeMemMb()));
            reply.accept(ping);
        });
    }

    @Override
    public void requestRegistration(String node, Consumer<Boolean> delivered) {
        Optional<WireClient> client = directory.client(node);
        io.execute(() -> delivered.accept(send(client, node, "POST", Routes.SLURMD_REGISTRATION_REQUEST,
                JsonObject.create()).isPresent()));
    }

    private Optional<JsonObject> send(Optional<WireClient> client, String node, String method, String route,
                                      JsonObject body) {
        if (client.isEmpty()) {
            return Optional.empty();
        }
        String path = route + "?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8);
        try {
            JsonObject answer = method.equals("GET") ? client.get().get(path) : client.get().post(path, body);
            return answer.optBool("ok").orElse(Boolean.FALSE) ? Optional.of(answer) : Optional.empty();
        } catch (UnreachableException e) {
            log.log(org.elasticslurm.fake.controller.LogLevel.DEBUG2, "slurmd of node " + node + " did not answer "
                    + route + ": " + e.getMessage());
            return Optional.empty();
        } catch (WireException e) {
            log.log(org.elasticslurm.fake.controller.LogLevel.ERROR, "slurmd of node " + node + " answered " + route
                    + " wrongly: " + e.getMessage());
            return Optional.empty();
        }
    }
}
