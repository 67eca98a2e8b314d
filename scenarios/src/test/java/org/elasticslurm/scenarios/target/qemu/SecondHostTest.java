package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.elasticslurm.scenarios.target.TargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SecondHost} against a stand-in of ci/second-host.sh that records its calls and fails the ones asked. */
class SecondHostTest {
    @TempDir
    Path ci;

    private Path calls;

    private void standIn(String failing) throws Exception {
        calls = ci.resolve("calls");
        Path script = ci.resolve("second-host.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> " + calls + "\n"
                + "case \"$1\" in " + failing + ") echo \"$1 refused\" >&2; exit 1;; esac\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aHostWhoseUriCannotBeReadIsTakenDownAgain() throws Exception {
        standIn("uri");

        assertThatThrownBy(() -> SecondHost.up(ci, "lab-netns", "run1", ci.resolve("base.qcow2")))
                .isInstanceOf(TargetException.class).hasMessageContaining("uri refused");

        assertThat(Files.readAllLines(calls)).containsExactly("up", "uri", "down");
    }

    @Test
    void aStopThatFailsLeavesTheHostCountedAsRunning() throws Exception {
        standIn("stop");
        SecondHost host = new SecondHost(ci.resolve("second-host.sh"), Map.of(), "qemu+tcp://10.0.0.2/system", null);

        assertThatThrownBy(host::stop).isInstanceOf(TargetException.class).hasMessageContaining("stop refused");

        assertThat(host.stopped()).isFalse();
        assertThat(Files.readAllLines(calls)).isEqualTo(List.of("stop"));
    }
}
