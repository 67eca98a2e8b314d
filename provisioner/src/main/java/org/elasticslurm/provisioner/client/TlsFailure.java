package org.elasticslurm.provisioner.client;

import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/** Names, in words an admin acts on, why the service's certificate was not accepted. */
final class TlsFailure {
    private TlsFailure() {
    }

    /** One line: the reason (expired, not signed by the CA, wrong host name, other) and what was checked. */
    static String describe(SSLException e, String host, Path ca) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "the service's certificate has expired (" + deepest(t) + ")";
            }
            if (t instanceof CertificateNotYetValidException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return "the service's certificate is not yet valid (" + deepest(t) + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the service's certificate does not name the host " + host + " of url (" + m + ")";
            }
            if (t instanceof CertPathValidatorException || m.contains("unable to find valid certification path")) {
                return "the service's certificate is not signed by a CA of " + ca + " (" + m + ")";
            }
        }
        return "TLS handshake with " + host + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    private static String deepest(Throwable t) {
        Throwable d = t;
        while (d.getCause() != null) {
            d = d.getCause();
        }
        return d.getMessage();
    }
}
