package org.elasticslurm.provisioner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenTest {
    @TempDir
    Path dir;

    private Path tokenFile(String content, String mode) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void theFirstLineIsTheTokenAndOnlyItMatches() throws Exception {
        BearerToken token = BearerToken.read(tokenFile("  s3cret \nignored\n", "rw-------"));

        assertThat(token.matchesHeader("Bearer s3cret")).isTrue();
        assertThat(token.matchesHeader("bearer s3cret")).isTrue();
        assertThat(token.matchesHeader("Bearer s3cre")).isFalse();
        assertThat(token.matchesHeader("Bearer s3cretX")).isFalse();
        assertThat(token.matchesHeader("Basic s3cret")).isFalse();
        assertThat(token.matchesHeader(null)).isFalse();
        assertThat(token).hasToString("BearerToken[****]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw---x---", "r-----r--"})
    void aTokenFileAccessibleByGroupOrOthersIsRefused(String mode) throws Exception {
        Path f = tokenFile("s3cret", mode);

        assertThatThrownBy(() -> BearerToken.read(f)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("provisioner.token-file: " + f + " must not be accessible by group or others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aMissingOrEmptyTokenFileIsRefused() throws Exception {
        assertThatThrownBy(() -> BearerToken.read(dir.resolve("none")))
                .hasMessageContaining("does not exist or is not a regular file");
        Path empty = tokenFile("\n  \n", "r--------");
        assertThatThrownBy(() -> BearerToken.read(empty)).hasMessageContaining("is empty");
    }
}
