package org.elasticslurm.provisioner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

/** {@link ProvisionerTestResource} plus HTTPS: a CA and a service certificate for 127.0.0.1 made by {@link TestPki}. */
public class TlsTestResource extends ProvisionerTestResource {
    /** Where the PEM files are (ca.pem among them), for the test's clients. */
    public static Path pkiDir;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            pkiDir = Files.createTempDirectory("provisioner-pki");
            TestPki pki = TestPki.create(pkiDir);
            config.put("provisioner.tls.certificate", pki.file("good.pem").toString());
            config.put("provisioner.tls.key", pki.file("service.key").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        try (java.util.stream.Stream<Path> files = Files.walk(pkiDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
