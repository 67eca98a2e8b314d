package org.elasticslurm.lab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabTextTest {

    private final LabText text = new LabText(Path.of("/tmp/esld-42"), "vm");

    @Test
    void replacesLabDirectoryHostAndDateTimes() {
        assertThat(text.normalize("error: power_save program /tmp/esld-42/hooks/resume not executable"))
                .isEqualTo("error: power_save program $LAB/hooks/resume not executable");
        assertThat(text.normalize("vm")).isEqualTo("$HOST");
        assertThat(text.normalize("*** STEP 1.0 ON node1 CANCELLED AT 2026-11-28T16:02:48 DUE TO NODE FAILURE"))
                .isEqualTo("*** STEP 1.0 ON node1 CANCELLED AT $DATETIME DUE TO NODE FAILURE");
    }

    @Test
    void replacesTheHostOnlyAsAWholeWordOrDomainName() {
        assertThat(text.normalize("vmstat vm.local node-vm vm")).isEqualTo("vmstat $HOST.local node-vm $HOST");
    }
}
