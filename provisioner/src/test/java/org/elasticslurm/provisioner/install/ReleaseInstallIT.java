package org.elasticslurm.provisioner.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.elasticslurm.provisioner.testing.ScontrolStandIn;
import org.elasticslurm.provisioner.testing.TestPki;
import org.elasticslurm.provisioner.testing.TestPorts;
import org.elasticslurm.testsupport.TestDriverHost;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;

/**
 * The release as an administrator installs it: the tarball of {@code mvn package} installed by its install.sh into
 * a scratch root, {@code token new}, {@code check} of a broken and then a fixed configuration (libvirt test-driver
 * host, stand-in scontrol), {@code hooks install} with a CA, the service (HTTPS from PEM files made in the test)
 * started by the unit's ExecStart line as the unit's user with the unit's environment, working directory and
 * umask, and a hook call over HTTPS through the installed hook program, run as SlurmUser with an empty
 * environment. systemd is not PID 1 here, so the unit's sandboxing
 * (ProtectSystem=... ) is not applied; its user, groups, environment and NoNewPrivileges are. Needs root (the
 * install creates the system user elastic-slurm when it is missing, and files are given to it and to slurm).
 */
@CpuCost(1) // the installed tools and service: JVM starts
class ReleaseInstallIT {
    private static final int PORT = TestPorts.next();
    private static final int TLS_PORT = TestPorts.next();
    private static final String SERVICE_USER = "elastic-slurm";
    private static final String SLURM_USER = "slurm";
    private static final String SLURM_CONF = """
            ClusterName=lab
            SlurmctldHost=localhost(127.0.0.1)
            ResumeProgram=/usr/local/sbin/slurm-resume
            SuspendProgram=/usr/local/sbin/slurm-suspend
            NodeName=test[1-2] CPUs=1 State=CLOUD
            PartitionName=cloud Nodes=test[1-2] Default=YES State=UP
            """;

    private HttpClient http;

    @Test
    void anAdministratorInstallsChecksAndRunsTheReleaseAndAHookReachesTheService() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: the install creates the user "
                + SERVICE_USER + " and gives files to it and to " + SLURM_USER);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux' setpriv");
        assumeTrue(userExists(SLURM_USER), "needs the user slurm (Debian's slurm-wlm)");
        try (ScratchInstall s = ScratchInstall.install(Path.of("target"))) {
            Path unit = s.path("/etc/systemd/system/elastic-slurm-provisioner.service");
            Map<String, List<String>> settings = ScratchInstall.serviceSettings(unit);
            assertThat(settings).containsEntry("User", List.of(SERVICE_USER))
                    .containsEntry("ProtectSystem", List.of("strict")).containsEntry("NoNewPrivileges", List.of("yes"))
                    .containsEntry("Restart", List.of("on-failure"));
            assertThat(settings.get("ReadWritePaths")).contains(s.path("/var/lib/elastic-slurm").toString());

            // token new: printed once, 0600, owned by the service's user; not replaced without --force
            Path token = s.path("/etc/elastic-slurm/token");
            ScratchInstall.Run made = s.check(s.run(List.of(s.command(), "token", "new", "--file", token.toString()),
                    Map.of()));
            String secret = made.stdout().strip();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32).doesNotContain("\n");
            assertThat(Files.readString(token).strip()).isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
            assertThat(Files.getOwner(token).getName()).isEqualTo(SERVICE_USER);
            assertThat(s.run(List.of(s.command(), "token", "new", "--file", token.toString()), Map.of()).exit())
                    .isEqualTo(1);
            assertThat(Files.readString(token).strip()).isEqualTo(secret);

            // the site's files: slurm.conf, scontrol, a libvirt host, the munge key
            Path slurmDir = s.path("/etc/slurm");
            ScontrolStandIn scontrol = new ScontrolStandIn(slurmDir, SLURM_CONF, List.of("test1", "test2"));
            String hostUri = TestDriverHost.withCpus(4).memoryMiB(8192).write(s.path("/etc/elastic-slurm"), "hv");
            Path mungeKey = s.path("/etc/munge/munge.key");
            Path seeds = s.path("/var/lib/elastic-slurm/seeds");
            Path config = s.path("/etc/elastic-slurm/provisioner.properties");
            TestPki pki = TestPki.create(Files.createDirectories(s.path("/etc/elastic-slurm/pki")));
            Files.setOwner(pki.file("service.key"), principal(SERVICE_USER));
            Files.setPosixFilePermissions(pki.file("service.key"), PosixFilePermissions.fromString("rw-------"));
            http = HttpClient.newBuilder().sslContext(trusting(pki.file("ca.pem"))).build();
            Map<String, String> site = new LinkedHashMap<>(Map.of(
                    "quarkus.http.port", String.valueOf(PORT),
                    "provisioner.backend", "libvirt",
                    "provisioner.libvirt.uris", hostUri,
                    "provisioner.slurm-conf", scontrol.slurmConf.toString(),
                    "provisioner.slurm.scontrol", scontrol.scontrol.toString(),
                    "provisioner.token-file", s.path("/etc/elastic-slurm/no-such-token").toString(),
                    "provisioner.operation-log", s.path("/var/lib/elastic-slurm/operations.jsonl").toString(),
                    "provisioner.pools.cloud.storage-pool", "images",
                    "provisioner.pools.cloud.base-image", "no-such-base.qcow2",
                    "provisioner.pools.cloud.network", "lab"));
            site.put("provisioner.pools.cloud.munge-key", mungeKey.toString());
            site.put("provisioner.pools.cloud.seed-directory", seeds.toString());
            site.put("provisioner.reconcile-interval", "1h");
            site.put("quarkus.http.ssl-port", String.valueOf(TLS_PORT));
            site.put("provisioner.tls.certificate", pki.file("good.pem").toString());
            site.put("provisioner.tls.key", pki.file("service.key").toString());
            appendSettings(config, site);
            Map<String, String> unitEnv = ScratchInstall.unitEnvironment(settings);
            UserPrincipal service = principal(SERVICE_USER);
            for (Path p : List.of(slurmDir, scontrol.slurmConf, scontrol.sibling(".nodes"))) {
                Files.setOwner(p, service); // the stand-in scontrol records its calls beside slurm.conf
            }

            // check, broken: each wrong thing in one line, exit 1
            ScratchInstall.Run broken = s.runAs(SERVICE_USER, unitEnv, List.of(s.command(), "check"));
            assertThat(broken.exit()).isEqualTo(1);
            List<String> problems = broken.lines().stream().filter(l -> l.startsWith("problem: ")).toList();
            assertThat(problems).hasSize(4);
            assertThat(problems).filteredOn(l -> l.contains("provisioner.token-file") && l.contains("no-such-token"))
                    .hasSize(1);
            assertThat(problems).filteredOn(l -> l.contains("provisioner.pools.cloud.base-image")
                    && l.contains("no-such-base.qcow2")).hasSize(1);
            assertThat(problems).filteredOn(l -> l.contains("provisioner.pools.cloud.munge-key")
                    && l.contains(mungeKey.toString())).hasSize(1);
            assertThat(problems).filteredOn(l -> l.contains("provisioner.pools.cloud.seed-directory")
                    && l.contains(seeds.toString())).hasSize(1);

            // fixed: exit 0
            site.put("provisioner.token-file", token.toString());
            site.put("provisioner.pools.cloud.base-image", "base.qcow2");
            appendSettings(config, site);
            Files.createDirectories(mungeKey.getParent());
            Files.write(mungeKey, new byte[] {1, 2, 3, 4});
            Files.createDirectories(seeds);
            Files.setOwner(mungeKey, service);
            Files.setOwner(seeds, service);
            ScratchInstall.Run fixed = s.runAs(SERVICE_USER, unitEnv, List.of(s.command(), "check"));
            assertThat(fixed.exit()).as(fixed.stdout() + fixed.stderr()).isZero();
            assertThat(fixed.stdout()).doesNotContain("problem: ");

            // hooks install: the hooks' token copy must be readable by SlurmUser; nothing is written until it is
            Path hookToken = s.path("/etc/elastic-slurm/hooks-token");
            Files.copy(token, hookToken);
            Path clientConf = s.path("/etc/elastic-slurm/client.conf");
            Path hookLog = s.path("/var/log/elastic-slurm/hooks.log");
            List<String> hooksInstall = List.of(s.command(), "hooks", "install", "--url", "https://127.0.0.1:" + TLS_PORT,
                    "--ca", pki.file("ca.pem").toString(),
                    "--client-conf", clientConf.toString(), "--token-file", hookToken.toString(),
                    "--slurm-user", SLURM_USER, "--dir", s.path("/usr/local/sbin").toString(),
                    "--lib-dir", s.path("/usr/local/lib/elastic-slurm").toString(), "--log-file", hookLog.toString(),
                    // the first HTTPS call of a fresh JVM on a loaded machine may need more than the default 800 ms
                    "--deadline", "10000");
            ScratchInstall.Run refused = s.run(hooksInstall, Map.of());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.stderr()).contains(hookToken.toString()).contains("cannot be read by " + SLURM_USER);
            assertThat(clientConf).doesNotExist();
            Files.setOwner(hookToken, principal(SLURM_USER));
            Files.createDirectories(hookLog.getParent());
            Files.setOwner(hookLog.getParent(), principal(SLURM_USER));
            s.check(s.run(hooksInstall, Map.of()));
            Path resume = s.path("/usr/local/sbin/slurm-resume");
            for (String hook : List.of("slurm-resume", "slurm-suspend", "slurm-resume-fail")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        s.path("/usr/local/sbin/" + hook)))).isEqualTo("rwxr-xr-x");
            }
            assertThat(Files.readString(clientConf)).contains("url=https://127.0.0.1:" + TLS_PORT)
                    .contains("ca=" + pki.file("ca.pem"));

            // the service, started as the unit starts it
            Process process = startAsTheUnit(settings, s.base.resolve("service.log"));
            try {
                await("the installed service answers /q/health/live").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250)).failFast("the service exited", () -> !process.isAlive())
                        .until(() -> status("/q/health/live", null) == 200);
                assertThat(process.info().user()).hasValue(SERVICE_USER);
                assertThat(plainPortOpen()).as("plain HTTP port " + PORT + " with TLS configured").isFalse();

                // slurmctld runs the hook as SlurmUser with no environment
                ScratchInstall.Run hook = s.runAs(SLURM_USER, Map.of(), List.of(resume.toString(), "test1"));
                assertThat(hook.exit()).as(hook.stderr()).isZero();
                HttpResponse<String> node = get("/v1/nodes/test1", secret);
                assertThat(node.statusCode()).isEqualTo(200);
                assertThat(node.body()).contains("\"operationId\"").doesNotContain("\"operationId\":null");
                assertThat(Files.readString(hookLog)).contains("slurm-resume test1: accepted");
                Path log = s.path("/var/lib/elastic-slurm/operations.jsonl");
                assertThat(Files.getOwner(log).getName()).isEqualTo(SERVICE_USER);

                // an upgrade keeps the configuration, the token and the operation log
                String configured = Files.readString(config);
                long logged = Files.size(log);
                s.reinstall();
                assertThat(Files.readString(config)).isEqualTo(configured);
                assertThat(config.resolveSibling("provisioner.properties.new")).exists();
                assertThat(Files.readString(token).strip()).isEqualTo(secret);
                assertThat(Files.size(log)).isGreaterThanOrEqualTo(logged);
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static Process startAsTheUnit(Map<String, List<String>> unit, Path output) throws IOException {
        String execStart = unit.get("ExecStart").get(0);
        String umask = unit.getOrDefault("UMask", List.of("0022")).get(0);
        List<String> argv = ScratchInstall.asUser(unit.get("User").get(0), unit.get("Group").get(0),
                ScratchInstall.unitEnvironment(unit),
                List.of("/bin/sh", "-c", "umask " + umask + " && exec " + execStart));
        return new ProcessBuilder(argv).directory(Path.of(unit.get("WorkingDirectory").get(0)).toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Appends the settings at the end of the installed template (later lines win in a properties file). */
    private static void appendSettings(Path config, Map<String, String> settings) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(config));
        lines.add("# site settings");
        settings.forEach((k, v) -> lines.add(k + "=" + v));
        Files.write(config, lines);
    }

    private int status(String path, String token) {
        try {
            return get(path, token).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + TLS_PORT + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean plainPortOpen() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A TLS context trusting only the CA of a PEM file. */
    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (java.io.InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static UserPrincipal principal(String user) throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }

    private static boolean userExists(String user) {
        try {
            principal(user);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
