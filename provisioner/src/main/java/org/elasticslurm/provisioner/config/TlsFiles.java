package org.elasticslurm.provisioner.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the PEM files of {@code provisioner.tls.*} before the HTTPS port opens, so that a missing or broken
 * file stops the start with a message naming the key and the file.
 */
public final class TlsFiles {
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    static final String CERTIFICATE = "provisioner.tls.certificate";
    static final String KEY_FILE = "provisioner.tls.key";

    private TlsFiles() {
    }

    /** Every problem, each as {@code key: file: what is wrong}; empty when TLS is off or both files are usable. */
    public static List<String> problems(Optional<Path> certificate, Optional<Path> key) {
        List<String> p = new ArrayList<>();
        if (certificate.isPresent() != key.isPresent()) {
            p.add((certificate.isPresent() ? KEY_FILE : CERTIFICATE) + ": must be set together with "
                    + (certificate.isPresent() ? CERTIFICATE : KEY_FILE) + " (HTTPS needs both PEM files)");
            return p;
        }
        certificate.ifPresent(f -> certificateProblem(f).ifPresent(p::add));
        key.ifPresent(f -> keyProblem(f).ifPresent(p::add));
        return p;
    }

    private static Optional<String> certificateProblem(Path file) {
        String prefix = CERTIFICATE + ": " + file + ": ";
        if (!file.isAbsolute()) {
            return Optional.of(prefix + "must be an absolute path");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                return Optional.of(prefix + "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(prefix + "cannot be read (" + reason(e) + ")");
        } catch (CertificateException e) {
            return Optional.of(prefix + "is not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static Optional<String> keyProblem(Path file) {
        String prefix = KEY_FILE + ": " + file + ": ";
        if (!file.isAbsolute()) {
            return Optional.of(prefix + "must be an absolute path");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return Optional.of(prefix + "cannot be read (" + reason(e) + ")");
        }
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            return Optional.of(prefix + "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        if (m.group(1).startsWith("ENCRYPTED")) {
            return Optional.of(prefix + "is encrypted; the service needs an unencrypted key (readable by its user only)");
        }
        try {
            Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(prefix + "is not valid PEM (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
