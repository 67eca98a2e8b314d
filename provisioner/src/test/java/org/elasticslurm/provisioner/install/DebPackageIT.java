package org.elasticslurm.provisioner.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.elasticslurm.testsupport.Requirement.require;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.provisioner.testing.ScontrolStandIn;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Debian package of {@code mvn package} (built by src/deb/build-deb.sh; this test builds nothing): its control
 * fields and files, then installed with dpkg into a {@link DebSandbox} (overlays of /etc, /usr and /var in a
 * private mount namespace, so dpkg, adduser and the maintainer scripts run as on the machine while the
 * machine's files and dpkg database stay untouched), the service started by the unit's ExecStart line as the
 * unit's user with the unit's environment (systemd is not PID 1 here), {@code check}, then remove and purge.
 * Needs root.
 */
@CpuCost(1) // the installed service and the check command: JVM starts
class DebPackageIT {
    private static final String PACKAGE = "elastic-slurm-provisioner";
    private static final String USER = "elastic-slurm";
    private static final String HOME = "/usr/lib/elastic-slurm-provisioner";
    private static final String CONF = "/etc/elastic-slurm/provisioner.properties";
    private static final String UNIT = "/lib/systemd/system/elastic-slurm-provisioner.service";
    /** Ports reserved for this JVM; -Dinstall.ports=FIRST-LAST keeps them within a range. */
    private static final FreePorts PORTS = System.getProperty("install.ports") == null ? new FreePorts()
            : FreePorts.range(System.getProperty("install.ports"));
    private static final Path TARGET = Path.of("target");

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void releasePorts() {
        PORTS.close();
    }

    @Test
    void theDebHoldsTheTarballsFilesInDebianPlacesWithItsRuntimeAndConffileDeclared() throws Exception {
        String mavenVersion = mavenVersion();
        Path deb = deb();
        String debVersion = mavenVersion.replace('-', '~');
        assertThat(deb.getFileName().toString()).isEqualTo(PACKAGE + "_" + debVersion + "_all.deb");

        Map<String, String> control = control(deb);
        assertThat(control).containsEntry("Package", PACKAGE).containsEntry("Version", debVersion)
                .containsEntry("Architecture", "all");
        assertThat(control.get("Depends")).contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .contains("adduser");
        assertThat(Integer.parseInt(control.get("Installed-Size"))).isGreaterThan(1000);
        assertThat(lines(run("dpkg-deb", "--info", deb.toString(), "conffiles"))).containsExactly(CONF);
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(run("dpkg-deb", "--info", deb.toString(), script)).startsWith("#!/bin/sh");
        }

        List<String> listing = lines(run("dpkg-deb", "--contents", deb.toString()));
        List<String> files = listing.stream().map(DebPackageIT::pathOf).toList();
        assertThat(files).contains("." + UNIT, "." + CONF, "." + HOME + "/bin/" + PACKAGE,
                "." + HOME + "/lib/provisioner-hooks.jar", "." + HOME + "/quarkus-app/quarkus-run.jar",
                "./usr/share/doc/" + PACKAGE + "/copyright", "./usr/share/doc/" + PACKAGE + "/production.md");
        assertThat(listing).anyMatch(l -> l.endsWith("./usr/bin/" + PACKAGE + " -> ../lib/" + PACKAGE + "/bin/"
                + PACKAGE));
        assertThat(files).noneMatch(f -> f.startsWith("./usr/local") || f.startsWith("./opt"));
        assertThat(listing).allMatch(l -> l.contains(" root/root "));

        // the same service files as the tarball, and the same configuration template
        Path tarball = TARGET.resolve("provisioner-" + mavenVersion + "-release.tar.gz");
        String top = "elastic-slurm-provisioner-" + mavenVersion + "/";
        List<String> released = lines(run("tar", "tzf", tarball.toString())).stream()
                .filter(f -> f.startsWith(top + "quarkus-app/") && !f.endsWith("/"))
                .map(f -> "." + HOME + "/" + f.substring(top.length())).sorted().toList();
        List<String> packaged = files.stream().filter(f -> f.startsWith("." + HOME + "/quarkus-app/")
                && !f.endsWith("/")).sorted().toList();
        assertThat(packaged).isNotEmpty().isEqualTo(released);
        assertThat(run("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xO ." + CONF, deb.toString()))
                .isEqualTo(run("tar", "xzOf", tarball.toString(), top + "etc/provisioner.properties"));
    }

    @Test
    void anAdministratorInstallsTheDebRunsItsServiceAndRemovesThenPurgesIt() throws Exception {
        require("root".equals(System.getProperty("user.name")), "needs root: dpkg and mount namespaces");
        require(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/nsenter")),
                "needs util-linux' setpriv and nsenter");
        Path deb = deb().toAbsolutePath();
        String version = control(deb).get("Version");
        try (ScratchInstall scratch = ScratchInstall.scratch(); DebSandbox box = DebSandbox.open(scratch)) {
            // the machine may have the user from an earlier install: the sandbox starts without it
            if (box.run(List.of("getent", "passwd", USER), Map.of()).exit() == 0) {
                scratch.check(box.run(List.of("userdel", USER), Map.of()));
            }

            ScratchInstall.Run installed = box.run(List.of("dpkg", "-i", deb.toString()), Map.of());
            assertThat(installed.exit()).as(installed.stdout() + installed.stderr()).isZero();
            assertThat(box.line("dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE))
                    .isEqualTo("install ok installed " + version);
            assertInstalledState(box);
            assertThat(box.view("/etc/systemd/system/multi-user.target.wants/" + PACKAGE + ".service"))
                    .as("not enabled at install").doesNotExist();
            // postinst again (as dpkg-reconfigure would): nothing changes, nothing fails
            scratch.check(box.run(List.of("/var/lib/dpkg/info/" + PACKAGE + ".postinst", "configure", version),
                    Map.of("DPKG_MAINTSCRIPT_PACKAGE", PACKAGE, "DPKG_MAINTSCRIPT_NAME", "postinst")));
            assertInstalledState(box);

            // the site: a token, slurm.conf with a stand-in scontrol, the sim backend, a port of this test
            int port = PORTS.getAsInt();
            scratch.check(box.run(List.of(PACKAGE, "token", "new"), Map.of()));
            Path site = scratch.base.resolve("site");
            ScontrolStandIn scontrol = new ScontrolStandIn(site, """
                    ClusterName=lab
                    SlurmctldHost=localhost(127.0.0.1)
                    NodeName=sim[1-2] CPUs=1 State=CLOUD
                    PartitionName=cloud Nodes=sim[1-2] Default=YES State=UP
                    """, List.of("sim1", "sim2"));
            scratch.check(box.run(List.of("chown", "-R", USER, site.toString()), Map.of()));
            Path conf = box.view(CONF);
            List<String> lines = new ArrayList<>(Files.readAllLines(conf));
            lines.addAll(List.of("quarkus.http.port=" + port, "provisioner.backend=sim",
                    "provisioner.slurm-conf=" + scontrol.slurmConf, "provisioner.slurm.scontrol=" + scontrol.scontrol,
                    "provisioner.warm-up-rounds=0"));
            Files.write(conf, lines);

            Map<String, List<String>> unit = ScratchInstall.serviceSettings(box.view(UNIT));
            assertThat(unit).containsEntry("User", List.of(USER)).containsEntry("ProtectSystem", List.of("strict"))
                    .containsEntry("NoNewPrivileges", List.of("yes")).doesNotContainKey("SupplementaryGroups")
                    .containsEntry("ExecStart", List.of(HOME + "/bin/" + PACKAGE + " serve"));
            Map<String, String> env = ScratchInstall.unitEnvironment(unit);
            assertThat(env).containsEntry("ELASTIC_SLURM_CONFIG", CONF);

            ScratchInstall.Run check = box.runAs(USER, env, List.of("/usr/bin/" + PACKAGE, "check"));
            assertThat(check.exit()).as(check.stdout() + check.stderr()).isZero();
            assertThat(check.stdout()).doesNotContain("problem: ");

            Process service = box.start(ScratchInstall.asUser(unit.get("User").get(0), unit.get("Group").get(0), env,
                    List.of("/bin/sh", "-c", "cd " + unit.get("WorkingDirectory").get(0) + " && umask "
                            + unit.get("UMask").get(0) + " && exec " + unit.get("ExecStart").get(0))),
                    scratch.base.resolve("service.log"));
            try {
                await("the installed service is ready").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .failFast("the service exited", () -> !service.isAlive())
                        .until(() -> status(port, "/q/health/ready") == 200);
                assertThat(box.line("stat", "-c", "%U", "/proc/" + service.pid())).isEqualTo(USER);
            } finally {
                service.destroy();
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly().waitFor();
                }
            }

            // installed again (as an upgrade is): the edited configuration, the token and the state stay as they are
            Path state = box.view("/var/lib/elastic-slurm/kept");
            Files.writeString(state, "state");
            List<String> edited = Files.readAllLines(conf);
            String token = Files.readString(box.view("/etc/elastic-slurm/token"));
            ScratchInstall.Run again = box.run(List.of("dpkg", "-i", deb.toString()), Map.of());
            assertThat(again.exit()).as(again.stdout() + again.stderr()).isZero();
            assertThat(Files.readAllLines(conf)).isEqualTo(edited);
            assertThat(Files.readString(box.view("/etc/elastic-slurm/token"))).isEqualTo(token);
            assertThat(state).hasContent("state");
            assertInstalledState(box);

            // remove: the program goes, the edited configuration and the service's data stay
            scratch.check(box.run(List.of("dpkg", "-r", PACKAGE), Map.of()));
            assertThat(box.line("dpkg-query", "-W", "-f=${Status}", PACKAGE)).isEqualTo("deinstall ok config-files");
            assertThat(box.view("/usr/bin/" + PACKAGE)).doesNotExist();
            assertThat(box.view(HOME)).doesNotExist();
            assertThat(box.view(UNIT)).doesNotExist();
            assertThat(Files.readAllLines(conf)).contains("quarkus.http.port=" + port);
            assertThat(box.view("/var/lib/elastic-slurm")).isDirectory();

            // purge: the configuration and the service's data go; the administrator's token and the user stay
            scratch.check(box.run(List.of("dpkg", "-P", PACKAGE), Map.of()));
            assertThat(box.run(List.of("dpkg-query", "-W", PACKAGE), Map.of()).exit()).isNotZero();
            assertThat(conf).doesNotExist();
            assertThat(box.view("/var/lib/elastic-slurm")).doesNotExist();
            assertThat(box.view("/etc/elastic-slurm/token")).exists();
            assertThat(box.run(List.of("getent", "passwd", USER), Map.of()).exit()).isZero();
        }
        // the machine itself was never written
        assertThat(Path.of("/var/lib/dpkg/info/" + PACKAGE + ".list")).doesNotExist();
        assertThat(Path.of(HOME)).doesNotExist();
        assertThat(Path.of(UNIT)).doesNotExist();
    }

    /** What postinst leaves: the system user, its state directory, the configuration readable by its group. */
    private static void assertInstalledState(DebSandbox box) throws IOException, InterruptedException {
        String[] passwd = box.line("getent", "passwd", USER).split(":");
        assertThat(passwd[5]).isEqualTo("/var/lib/elastic-slurm");
        assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
        assertThat(Integer.parseInt(passwd[2])).isLessThan(1000);
        assertThat(box.line("sh", "-c", "grep -c '^" + USER + ":' /etc/passwd")).isEqualTo("1");
        assertThat(box.line("stat", "-c", "%U:%G %a", "/var/lib/elastic-slurm")).isEqualTo(USER + ":" + USER + " 750");
        assertThat(box.line("stat", "-c", "%U:%G %a", CONF)).isEqualTo("root:" + USER + " 640");
        assertThat(box.line("readlink", "-f", "/usr/bin/" + PACKAGE)).isEqualTo(HOME + "/bin/" + PACKAGE);
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Maven version, from the name of the release tarball of the same build. */
    private static String mavenVersion() throws IOException {
        String name = single("provisioner-*-release.tar.gz").getFileName().toString();
        return name.substring("provisioner-".length(), name.length() - "-release.tar.gz".length());
    }

    private static Path deb() throws IOException {
        require(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb (Debian): without it mvn"
                + " package builds no .deb");
        return single(PACKAGE + "_*_all.deb");
    }

    private static Path single(String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(TARGET, glob)) {
            d.forEach(found::add);
        }
        assertThat(found).as("one " + glob + " in " + TARGET + " (mvn package, on a machine with dpkg-deb)")
                .hasSize(1);
        return found.get(0);
    }

    private static Map<String, String> control(Path deb) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines(run("dpkg-deb", "--field", deb.toString()))) {
            int colon = line.indexOf(": ");
            if (!line.startsWith(" ") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return fields;
    }

    /** The path of a {@code dpkg-deb --contents} line (tar's verbose listing), without a link's target. */
    private static String pathOf(String listing) {
        String rest = listing.substring(listing.indexOf("./"));
        int arrow = rest.indexOf(" -> ");
        return arrow < 0 ? rest : rest.substring(0, arrow);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** Runs a command of this machine that only reads; its standard output, which must succeed. */
    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: exit " + p.exitValue());
        }
        return out;
    }
}
