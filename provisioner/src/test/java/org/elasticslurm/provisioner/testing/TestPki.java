package org.elasticslurm.provisioner.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority and service certificates made with the JDK's {@code keytool} (run as a process) in a
 * directory, written as PEM files: {@code ca.pem} (the CA), {@code other-ca.pem} (a CA that signed nothing here),
 * {@code service.key} (PKCS#8) and the service certificates {@code good.pem} (127.0.0.1 and localhost, valid
 * now), {@code expired.pem} (expired yesterday) and {@code wrong-host.pem} (names only elsewhere.example).
 */
public final class TestPki {
    private static final String PASS = "changeit";
    /** The directory holding the files. */
    public final Path dir;
    private final PrivateKey serviceKey;

    private TestPki(Path dir, PrivateKey serviceKey) {
        this.dir = dir;
        this.serviceKey = serviceKey;
    }

    /** Makes the files in {@code dir}. */
    public static TestPki create(Path dir) throws IOException, GeneralSecurityException {
        Path ca = dir.resolve("ca.p12");
        Path service = dir.resolve("service.p12");
        keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=test-ca", "-ext", "bc:c",
                "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "3");
        keytool("-genkeypair", "-keystore", ca, "-alias", "other", "-dname", "CN=other-ca", "-ext", "bc:c",
                "-validity", "3");
        keytool("-exportcert", "-rfc", "-keystore", ca, "-alias", "ca", "-file", dir.resolve("ca.pem"));
        keytool("-exportcert", "-rfc", "-keystore", ca, "-alias", "other", "-file", dir.resolve("other-ca.pem"));
        keytool("-genkeypair", "-keystore", service, "-alias", "service", "-dname", "CN=provisioner");
        keytool("-certreq", "-keystore", service, "-alias", "service", "-file", dir.resolve("service.csr"));
        sign(dir, ca, "good.pem", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        sign(dir, ca, "expired.pem", "-ext", "san=ip:127.0.0.1,dns:localhost", "-startdate", "-3d", "-validity", "1");
        sign(dir, ca, "wrong-host.pem", "-ext", "san=dns:elsewhere.example", "-validity", "2");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(service)) {
            ks.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey("service", PASS.toCharArray());
        Files.writeString(dir.resolve("service.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new TestPki(dir, key);
    }

    /** A PEM file of this set by name, e.g. {@code ca.pem}. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A server-side context presenting the named service certificate (with the CA after it). */
    public SSLContext serverContext(String certificate) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (String name : List.of(certificate, "ca.pem")) {
            try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                chain.add(cf.generateCertificate(in));
            }
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("service", serviceKey, PASS.toCharArray(), chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void sign(Path dir, Path ca, String out, String... extra) throws IOException {
        List<Object> args = new ArrayList<>(List.of("-gencert", "-rfc", "-keystore", ca, "-alias", "ca",
                "-infile", dir.resolve("service.csr"), "-outfile", dir.resolve(out)));
        args.addAll(List.of(extra));
        keytool(args.toArray());
    }

    private static void keytool(Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keyalg", "EC", "-groupname", "secp256r1"));
        if (!cmd.contains("-genkeypair")) {
            cmd.removeAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", cmd.subList(1, cmd.size())) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
