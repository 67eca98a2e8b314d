package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hooks install} checks every input before it writes anything. */
class HooksSetupTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int install(String... extra) throws Exception {
        Path token = dir.resolve("token");
        if (!Files.exists(token)) {
            Files.writeString(token, "t\n");
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        }
        List<String> args = new ArrayList<>(List.of("--client-conf", dir.resolve("client.conf").toString(),
                "--token-file", token.toString(), "--dir", dir.resolve("sbin").toString(),
                "--lib-dir", dir.resolve("lib").toString(), "--jar", dir.resolve("hooks.jar").toString()));
        args.addAll(List.of(extra));
        Files.writeString(dir.resolve("hooks.jar"), "jar");
        return HooksSetup.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void httpsWithoutCaIsRefusedAndNothingIsWritten() throws Exception {
        assertThat(install("--url", "https://prov.example.org:8443")).isEqualTo(HooksSetup.PROBLEM);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ca: required for an https:// url");
        assertThat(dir.resolve("client.conf")).doesNotExist();
        assertThat(dir.resolve("sbin")).doesNotExist();
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() throws Exception {
        assertThat(install("--url", "http://10.0.0.5:8080")).isEqualTo(HooksSetup.PROBLEM);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("plain http:// is allowed only to a loopback address");
        assertThat(dir.resolve("client.conf")).doesNotExist();
    }

    @Test
    void aCaFileWritableByOthersIsRefused() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(install("--url", "https://prov.example.org:8443", "--ca", ca.toString()))
                .isEqualTo(HooksSetup.PROBLEM);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ca " + ca + " is writable by group or others");
        assertThat(dir.resolve("client.conf")).doesNotExist();
    }

    @Test
    void aMissingTokenFileIsNamed() throws Exception {
        assertThat(install("--url", "http://127.0.0.1:8080", "--token-file", dir.resolve("none").toString()))
                .isEqualTo(HooksSetup.PROBLEM);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("token-file " + dir.resolve("none") + " does not exist");
    }

    @Test
    void theProgramsOfAClientConfOutsideTheDefaultPathNameItThemselves() throws Exception {
        assertThat(install("--url", "http://127.0.0.1:8080")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(Files.readString(dir.resolve("client.conf"))).contains("url=http://127.0.0.1:8080\n")
                .contains("token-file=" + dir.resolve("token") + "\n");
        assertThat(Files.readString(dir.resolve("sbin/slurm-resume")))
                .contains(ClientConfig.FILE_ENV + "='" + dir.resolve("client.conf") + "'\nexport " + ClientConfig.FILE_ENV);
    }
}
