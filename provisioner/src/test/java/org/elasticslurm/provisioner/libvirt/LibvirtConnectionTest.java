package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.provisioner.backend.BackendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.LibvirtException;

/**
 * The shared connection on libvirt's {@code test:///default} driver. A libvirt call that never returns (libvirtd
 * gone without the socket closing) is stood in for by a call body that blocks on the real connection; the lost
 * connection is a real libvirt error (a call on a closed connection: invalid connection).
 */
@RequiresLibvirtLibrary
class LibvirtConnectionTest {
    /** Far above what any step here takes; a call that waits for the hung one is caught by this. */
    private static final long BOUND_SECONDS = 10;

    /** Daemon threads: a call blocked in native code must not keep the test JVM alive. */
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "connection-test");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch answer = new CountDownLatch(1);
    private final LibvirtConnection connection = new LibvirtConnection("test:///default", NativeLibvirt.load());

    @AfterEach
    void release() {
        answer.countDown();
        threads.shutdown();
    }

    @Test
    void aLostConnectionIsReplacedAtOnceWhileACallOnItNeverReturns() throws Exception {
        AtomicReference<OwnedConnect> hungOn = new AtomicReference<>();
        hangOnTheConnection("start node1", hungOn);

        Throwable failure;
        try (CapturedLog log = new CapturedLog(LibvirtHypervisor.class)) {
            Future<Throwable> lost = threads.submit(() -> catchThrowable(
                    () -> connection.call("destroy node2", c -> lostConnection())));
            failure = lost.get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertThat(log.warnings()).as("the replacement names the call left on the lost connection")
                    .singleElement().asString().contains("test:///default").contains("lost").contains("[start node1]");
        }
        Future<OwnedConnect> next = threads.submit(() -> connection.call("domains", c -> {
            c.numOfDomains();
            return c;
        }));

        assertThat(failure).isInstanceOf(BackendException.class).hasMessageContaining("test:///default: destroy node2");
        assertThat(((BackendException) failure).isTransient()).isTrue();
        assertThat(next.get(BOUND_SECONDS, TimeUnit.SECONDS)).as("the call after the loss runs on a new connection")
                .isNotSameAs(hungOn.get());
        assertThat(hungOn.get().isConnected()).as("the hung call's connection stays open under it").isTrue();
        assertThat(connection.runningOnReplaced()).containsExactly("start node1");
    }

    @Test
    void aReplacedConnectionIsClosedWhenTheLastCallOnItEnds() throws Exception {
        AtomicReference<OwnedConnect> hungOn = new AtomicReference<>();
        Future<Object> hung = hangOnTheConnection("start node1", hungOn);
        threads.submit(() -> catchThrowable(() -> connection.call("destroy node2", c -> lostConnection())))
                .get(BOUND_SECONDS, TimeUnit.SECONDS);

        answer.countDown();
        hung.get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(hungOn.get().isConnected()).isFalse();
        assertThat(connection.runningOnReplaced()).isEmpty();
    }

    @Test
    void aLostConnectionWithNoOtherCallIsClosedAtOnceAndTheNextCallOpensANewOne() throws Exception {
        OwnedConnect first = connection.call("domains", c -> c);

        catchThrowable(() -> connection.call("destroy node2", c -> lostConnection()));
        OwnedConnect second = connection.call("domains", c -> c);

        assertThat(first.isConnected()).isFalse();
        assertThat(second).isNotSameAs(first);
        int domains = connection.call("counting domains", c -> c.numOfDomains());
        assertThat(domains).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aCallOpensItsOwnConnectionOnceAnotherCallsOpeningHasHadNoAnswerForTheCallTimeout(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             CapturedLog log = new CapturedLog(LibvirtHypervisor.class)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens, never answers: opening blocks in libvirt
            LibvirtConnection toSilent = new LibvirtConnection("test+unix:///default?socket=" + socket,
                    NativeLibvirt.load(), Duration.ofMillis(300));

            threads.submit(() -> toSilent.call("start node1", c -> null));
            threads.submit(() -> toSilent.call("start node2", c -> null));

            await("the second call's own opening").atMost(Duration.ofSeconds(BOUND_SECONDS))
                    .untilAsserted(() -> assertThat(log.warnings()).singleElement().asString()
                            .contains("opening the connection has had no answer for PT0.3S")
                            .containsAnyOf("start node1 opens another", "start node2 opens another"));
        }
    }

    /** A call that blocks on the connection until {@link #answer}; returns once it runs. */
    private Future<Object> hangOnTheConnection(String what, AtomicReference<OwnedConnect> on) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Future<Object> hung = threads.submit(() -> connection.call(what, c -> {
            on.set(c);
            running.countDown();
            Uninterruptibly.await(answer);
            return null;
        }));
        assertThat(running.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("the hanging call runs").isTrue();
        return hung;
    }

    /** Fails as a call on a connection that is gone does: libvirt's own invalid-connection error. */
    private static <T> T lostConnection() throws LibvirtException {
        OwnedConnect gone = new OwnedConnect("test:///default");
        gone.close();
        gone.getVersion();
        throw new AssertionError("a call on a closed connection succeeded");
    }
}
