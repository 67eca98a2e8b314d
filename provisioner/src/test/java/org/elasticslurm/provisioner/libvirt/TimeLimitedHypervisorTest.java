package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every hypervisor call is bounded: a host that stops answering fails calls transiently, it never holds a worker. */
class TimeLimitedHypervisorTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    /** Far above LIMIT: a call that is not bounded is caught by this instead of hanging the build. */
    private static final Duration WORKER_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final HangingHost hanging = new HangingHost("test:///hanging");

    @AfterEach
    void release() {
        hanging.answerAgain();
    }

    @Test
    void aCallToAHostThatDoesNotAnswerFailsTransientlyAfterTheTimeoutNamingTheCall() {
        TimeLimitedHypervisor host = new TimeLimitedHypervisor(hanging.host(), LIMIT);

        BackendException e = assertTimeoutPreemptively(WORKER_BOUND,
                () -> catchThrowableOfType(() -> host.start("node1"), BackendException.class));

        assertThat(e).isNotNull();
        assertThat(e.isTransient()).isTrue();
        assertThat(e).hasMessageContaining("test:///hanging").hasMessageContaining("start node1")
                .hasMessageContaining("no answer within PT0.3S").hasMessageContaining("provisioner.libvirt.call-timeout");
    }

    @Test
    void aCallLeftWithoutAnswerIsLoggedByNameWithTheNumberOfSuchCalls() {
        TimeLimitedHypervisor host = new TimeLimitedHypervisor(hanging.host(), LIMIT, 5);

        try (CapturedLog log = new CapturedLog(TimeLimitedHypervisor.class)) {
            catchThrowableOfType(() -> host.destroy("node7"), BackendException.class);

            assertThat(log.warnings()).singleElement().asString().contains("test:///hanging: destroy node7")
                    .contains("no answer within PT0.3S").contains("1 of at most 5 calls to this host without answer");
        }
    }

    @Test
    void aHostThatDoesNotAnswerIsNotReachable() {
        TimeLimitedHypervisor host = new TimeLimitedHypervisor(hanging.host(), LIMIT);

        assertThat(assertTimeoutPreemptively(WORKER_BOUND, host::reachable)).isFalse();
    }

    @Test
    void callsAnsweredInTimePassTheirResultAndTheirErrorsUnchanged() {
        TimeLimitedHypervisor host = new TimeLimitedHypervisor(hanging.host(), LIMIT);
        hanging.answerAgain();

        assertThat(host.domain("node1")).isEmpty();
        assertThat(host.reachable()).isTrue();
        HangingHost answering = new HangingHost("test:///x");
        answering.answerAgain();
        TimeLimitedHypervisor failing = new TimeLimitedHypervisor(answering.host(), LIMIT);
        failing.close();
        BackendException closed = catchThrowableOfType(() -> failing.domains(), BackendException.class);
        assertThat(closed).hasMessageContaining("the connection is closed");
    }

    @Test
    void hangingCallsAreBoundedInNumberFurtherCallsFailAtOnceWithoutReachingTheHost() {
        TimeLimitedHypervisor host = new TimeLimitedHypervisor(hanging.host(), LIMIT, 2);
        catchThrowableOfType(() -> host.start("node1"), BackendException.class);
        catchThrowableOfType(() -> host.start("node2"), BackendException.class);

        BackendException third = assertTimeoutPreemptively(WORKER_BOUND,
                () -> catchThrowableOfType(() -> host.start("node3"), BackendException.class));

        assertThat(third.isTransient()).isTrue();
        assertThat(third).hasMessageContaining("start node3: not attempted, 2 earlier calls still have no answer");
        assertThat(hanging.calls()).isEqualTo(2);
    }

    @Test
    void aResumeOnAHostThatStoppedAnsweringFailsTransientlyInsteadOfWaitingForIt() throws Exception {
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test1 State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), new byte[] {7, 7, 7, 7});
        LibvirtSettings settings = new LibvirtSettings(List.of("test:///hanging"),
                Path.of("/usr/bin/qemu-system-x86_64"), Duration.ofSeconds(10), Optional.empty(),
                Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir, dir.resolve("slurm.conf"),
                LibvirtSettings.SeedWriter.BUILTIN, "lab", Optional.empty(), LIMIT);
        CreatePoolSpec pool = new CreatePoolSpec("cloud", List.of("test1"), Optional.empty(), "{node}", "images",
                "base.qcow2", 256, 1, DomainTypePolicy.QEMU, Optional.empty(), Optional.empty(), "52:54:00",
                new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                        CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(),
                        CreatePoolSpec.SeedBus.SCSI, Optional.empty()), StaticAddressMap.empty(), false,
                Optional.empty());
        LibvirtBackend backend = LibvirtBackend.create(settings, List.of(pool), Clock.systemUTC(),
                List.of(hanging.host()));

        BackendException e = assertTimeoutPreemptively(WORKER_BOUND, () -> catchThrowableOfType(
                () -> backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1")), BackendException.class));

        assertThat(e).isNotNull();
        assertThat(e.isTransient()).isTrue();
        assertThat(e).hasMessageContaining("no answer within");
        assertThat(assertTimeoutPreemptively(WORKER_BOUND, backend::reachable)).isFalse();
    }
}
