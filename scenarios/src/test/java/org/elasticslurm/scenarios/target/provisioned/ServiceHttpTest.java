package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests to a provisioner on this machine's loopback (no namespace) end within their limit, whatever the other side
 * does after accepting the connection.
 */
class ServiceHttpTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** Far above {@link #LIMIT}: a request still under way by then is one the limit did not end. */
    private static final Duration HUNG = Duration.ofSeconds(10);

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    ServiceHttpTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        writer.shutdownNow();
        acceptor.shutdownNow();
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    /** Accepts one connection, keeps it open, and hands it to {@code then}. */
    private void acceptAndThen(SocketAction then) {
        acceptor.submit(() -> {
            Socket s = server.accept();
            accepted.add(s);
            then.run(s);
            return null;
        });
    }

    private interface SocketAction {
        void run(Socket s) throws IOException;
    }

    private ServiceHttp http() {
        return new ServiceHttp(NetNs.HOST, server.getLocalPort(), LIMIT);
    }

    @Test
    void aServiceThatAcceptsAndNeverAnswersFailsTheRequestAtItsLimit() {
        acceptAndThen(s -> { });
        ServiceHttp http = http();

        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> http.get("/q/health/ready", null))
                .isInstanceOf(IOException.class)
                .hasMessage("no answer from 127.0.0.1:" + server.getLocalPort() + " within 1 s"));
    }

    @Test
    void aServiceThatAnswersByteByByteFailsTheRequestAtItsLimitThoughEachByteComesInTime() {
        acceptAndThen(s -> {
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            // one header byte every 100 ms, for ever: each read of the client gets a byte well within its limit
            writer.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException("the client has gone", closed);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        });
        ServiceHttp http = http();

        assertTimeoutPreemptively(HUNG, () -> assertThatThrownBy(() -> http.get("/q/health/ready", null))
                .isInstanceOf(IOException.class)
                .hasMessage("no answer from 127.0.0.1:" + server.getLocalPort() + " within 1 s"));
    }

    @Test
    void aServiceThatAnswersAndClosesGivesItsStatusAndBody() throws IOException {
        acceptAndThen(s -> {
            s.getInputStream().read(new byte[512]);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"status\":\"UP\"}"
                    .getBytes(StandardCharsets.US_ASCII));
            s.close();
        });

        ServiceHttp.Answer answer = http().get("/q/health/ready", null);

        assertThat(answer).isEqualTo(new ServiceHttp.Answer(200, "{\"status\":\"UP\"}"));
    }
}
