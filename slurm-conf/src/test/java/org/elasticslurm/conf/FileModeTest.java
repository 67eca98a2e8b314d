package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class FileModeTest {

    @Test
    void octalModesGiveTheSamePermissionsAsTheirSymbolicForm() {
        assertThat(FileMode.permissions(0755)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(FileMode.permissions(0775)).isEqualTo(PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(FileMode.permissions(0644)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(FileMode.permissions(0)).isEmpty();
    }

    @Test
    void modesWithSpecialBitsAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> FileMode.permissions(04755))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4755")
                .hasMessageContaining("beyond 0777");
    }
}
