package org.elasticslurm.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or broken PEM file of provisioner.tls.* is named with its key before the HTTPS port opens. */
class TlsFilesTest {
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    @Test
    void aCertificateAndItsKeyAreAccepted() {
        assertThat(TlsFiles.problems(Optional.of(pki.file("good.pem")), Optional.of(pki.file("service.key")))).isEmpty();
        assertThat(TlsFiles.problems(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aMissingCertificateFileIsNamedWithItsKey() {
        Path missing = dir.resolve("nope.pem");

        assertThat(TlsFiles.problems(Optional.of(missing), Optional.of(pki.file("service.key"))))
                .containsExactly("provisioner.tls.certificate: " + missing + ": cannot be read (no such file)");
    }

    @Test
    void aKeyFileWithoutAPrivateKeyIsNamedWithItsKey() throws Exception {
        Path notKey = dir.resolve("key.pem");
        Files.copy(pki.file("good.pem"), notKey);

        assertThat(TlsFiles.problems(Optional.of(pki.file("good.pem")), Optional.of(notKey)))
                .containsExactly("provisioner.tls.key: " + notKey
                        + ": holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void aCertificateFileHoldingGarbageIsNamedWithItsKey() throws Exception {
        Path garbage = dir.resolve("cert.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

        assertThat(TlsFiles.problems(Optional.of(garbage), Optional.of(pki.file("service.key"))))
                .singleElement().asString().startsWith("provisioner.tls.certificate: " + garbage + ": ");
    }

    @Test
    void aCertificateWithoutAKeyIsRefused() {
        assertThat(TlsFiles.problems(Optional.of(pki.file("good.pem")), Optional.empty()))
                .containsExactly("provisioner.tls.key: must be set together with provisioner.tls.certificate"
                        + " (HTTPS needs both PEM files)");
    }

    @Test
    void theTlsKeysAreMappedOntoQuarkusHttpsAndTurnPlainHttpOff() {
        io.smallrye.config.SmallRyeConfig c = new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.PropertiesConfigSource(Map.of(
                        "provisioner.tls.certificate", "/etc/elastic-slurm/service.pem",
                        "provisioner.tls.key", "/etc/elastic-slurm/service.key"), "test", 100))
                .withInterceptors(new TlsConfigInterceptor()).build();

        assertThat(c.getRawValue("quarkus.http.ssl.certificate.files")).isEqualTo("/etc/elastic-slurm/service.pem");
        assertThat(c.getRawValue("quarkus.http.ssl.certificate.key-files")).isEqualTo("/etc/elastic-slurm/service.key");
        assertThat(c.getRawValue("quarkus.http.insecure-requests")).isEqualTo("disabled");
    }

    @Test
    void theAdminMayKeepPlainHttpAndWithoutTlsNothingChanges() {
        io.smallrye.config.SmallRyeConfig kept = new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.PropertiesConfigSource(Map.of(
                        "provisioner.tls.certificate", "/c.pem", "provisioner.tls.key", "/k.pem",
                        "quarkus.http.insecure-requests", "enabled"), "test", 100))
                .withInterceptors(new TlsConfigInterceptor()).build();
        io.smallrye.config.SmallRyeConfig none = new io.smallrye.config.SmallRyeConfigBuilder()
                .withInterceptors(new TlsConfigInterceptor()).build();

        assertThat(kept.getRawValue("quarkus.http.insecure-requests")).isEqualTo("enabled");
        assertThat(none.getRawValue("quarkus.http.insecure-requests")).isNull();
        assertThat(none.getRawValue("quarkus.http.ssl.certificate.files")).isNull();
    }
}
