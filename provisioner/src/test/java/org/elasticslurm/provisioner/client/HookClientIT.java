package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.provisioner.testing.HostileLauncher;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPorts;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed hook programs, run as slurmctld runs them (no environment, fds 0-2 closed, signals blocked)
 * against the packaged service.
 */
@CpuCost(1) // the packaged service and the hook programs: JVM starts
class HookClientIT {
    static final Path HOOKS_JAR = Path.of("target/provisioner-0.1.0-SNAPSHOT-hooks.jar").toAbsolutePath();

    @TempDir
    static Path dir;
    static ServiceProcess service;
    static Path sbin;
    static Path clientConf;
    static Path hookLog;

    @BeforeAll
    static void installAndStart() throws Exception {
        service = new ServiceProcess(dir.resolve("service"), TestConf.CLOUD8,
                List.of("login1", "test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8"),
                Map.of("provisioner.sim.boot-delay", "0.1s", "provisioner.address-poll-interval", "0.02s"));
        sbin = dir.resolve("sbin");
        Process install = new ProcessBuilder(ServiceProcess.javaBinary(), "-jar", HOOKS_JAR.toString(), "install",
                "--dir", sbin.toString(), "--lib-dir", dir.resolve("lib").toString()).redirectErrorStream(true).start();
        String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor()).as(out).isZero();
        hookLog = dir.resolve("log/hooks.log");
        clientConf = writeConf("client.conf", service.url().toString(), service.tokenFile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    static Path writeConf(String name, String url, Path tokenFile) throws Exception {
        Path conf = dir.resolve(name);
        // a generous deadline: these tests check behaviour on a busy CI machine; HookLatencyBenchmark measures time
        Files.writeString(conf, "url=" + url + "\ntoken-file=" + tokenFile + "\nlog-file=" + hookLog
                + "\ndeadline=3000\n");
        return conf;
    }

    static Map<String, String> env(Path conf) {
        return Map.of(ClientConfig.FILE_ENV, conf.toString(), "SLURM_CONF", service.scontrol.slurmConf.toString());
    }

    static int runHidden(String hook, String hostlist, Map<String, String> env) throws Exception {
        Process p = HostileLauncher.start(sbin.resolve(hook), List.of(hostlist), env, false);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(hook + " ended").isTrue();
        assertThat(leftovers()).as("processes left behind by " + hook).isEmpty();
        return p.exitValue();
    }

    static List<String> leftovers() {
        return ProcessHandle.allProcesses().filter(ph -> ph.info().commandLine().orElse("").contains(dir.toString())
                && ph.info().commandLine().orElse("").contains("HookMain")).map(ph -> ph.info().commandLine().orElse(""))
                .toList();
    }

    static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.url().resolve(path))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theInstalledHooksAreAcceptedBySlurmsOwnRules() throws Exception {
        for (String hook : List.of("slurm-resume", "slurm-suspend", "slurm-resume-fail")) {
            Path p = sbin.resolve(hook);
            assertThat(Files.getPosixFilePermissions(p)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(new HookProgramRules().problem(p.toString())).isEmpty();
            assertThat(Files.readString(p)).startsWith("#!/bin/sh\n").doesNotContain("PATH=")
                    .containsPattern("(?m)^exec /\\S+/bin/java .* -cp /\\S+/provisioner-hooks.jar ");
        }
    }

    @Test
    void resumeInSlurmctldsEnvironmentPostsTheNodesAndTheResumeFileAndExitsZero() throws Exception {
        Path resumeFile = dir.resolve("resume.json");
        Files.writeString(resumeFile, "{\"jobs\":[{\"job_id\":7,\"nodes\":\"test1\"}],\"all_nodes\":\"test1\"}");
        Map<String, String> env = new java.util.HashMap<>(env(clientConf));
        env.put("SLURM_RESUME_FILE", resumeFile.toString());

        assertThat(runHidden("slurm-resume", "test1", env)).isZero();

        await("test1 READY").atMost(Duration.ofSeconds(20)).until(() -> get("/v1/nodes/test1").contains("\"READY\""));
        String node = get("/v1/nodes/test1");
        String op = node.replaceAll(".*\"operationId\":\"([^\"]+)\".*", "$1");
        assertThat(get("/v1/operations/" + op)).contains("\"jobs\":[7]");
        assertThat(Files.readString(hookLog)).contains("slurm-resume test1: accepted (1 operations)");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"22.05", "24.11", "26.05"})
    void theResumeFileOfEachSlurmVersionIsAcceptedInSlurmctldsEnvironment(String version) throws Exception {
        Path resumeFile = dir.resolve("resume-" + version + ".json");
        try (java.io.InputStream in = getClass().getResourceAsStream("/resume-files/real-" + version + ".json")) {
            Files.writeString(resumeFile, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("node1", "test8"));
        }
        Map<String, String> env = new java.util.HashMap<>(env(clientConf));
        env.put("SLURM_RESUME_FILE", resumeFile.toString());

        int logged = Files.exists(hookLog) ? Files.readString(hookLog).length() : 0;

        assertThat(runHidden("slurm-resume", "test8", env)).isZero();

        assertThat(Files.readString(hookLog).substring(logged)).contains("slurm-resume test8: accepted (1 operations)")
                .doesNotContain("refused");
        await("test8 READY").atMost(Duration.ofSeconds(20)).until(() -> get("/v1/nodes/test8").contains("\"READY\""));
    }

    @Test
    void suspendAndResumeFailWorkTheSameWay() throws Exception {
        assertThat(runHidden("slurm-resume", "test[2-3]", env(clientConf))).isZero();
        await("test2 READY").atMost(Duration.ofSeconds(20)).until(() -> get("/v1/nodes/test2").contains("\"READY\""));

        assertThat(runHidden("slurm-suspend", "test2", env(clientConf))).isZero();
        assertThat(runHidden("slurm-resume-fail", "test3", env(clientConf))).isZero();

        await("test2 POWERED_DOWN").atMost(Duration.ofSeconds(20))
                .until(() -> get("/v1/nodes/test2").contains("\"POWERED_DOWN\""));
        await("test3 FAILED").atMost(Duration.ofSeconds(20)).until(() -> get("/v1/nodes/test3").contains("\"FAILED\""));
    }

    @Test
    void aNodeThatIsNotACloudNodeIsRefusedWithAClearMessageOnStderrAndExitTwo() throws Exception {
        Process p = HostileLauncher.start(sbin.resolve("slurm-resume"), List.of("test4,login1"), env(clientConf), true);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("slurm-resume test4,login1: refused by the provisioner: HTTP 422")
                .contains("not State=CLOUD nodes of slurm.conf: \"login1\"");
        assertThat(get("/v1/nodes/test4")).contains("\"POWERED_DOWN\"");
    }

    @Test
    void aWrongTokenFailsWithExitThreeAndSaysSoInTheLog() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "not-the-token");
        Path conf = writeConf("wrong.conf", service.url().toString(), wrong);

        assertThat(runHidden("slurm-suspend", "test5", env(conf))).isEqualTo(3);

        assertThat(Files.readString(hookLog)).contains("slurm-suspend test5: authentication failed (check that " + wrong);
    }

    @Test
    void aServiceThatIsDownIsRetriedBrieflyThenReportedWithExitFour() throws Exception {
        int closedPort = TestPorts.next(); // reserved: nothing else on the machine listens there
        Path conf = writeConf("down.conf", "http://127.0.0.1:" + closedPort, service.tokenFile);

        assertThat(runHidden("slurm-resume", "test6", env(conf))).isEqualTo(4);

        assertThat(Files.readString(hookLog)).contains("slurm-resume test6: provisioner at http://127.0.0.1:" + closedPort
                + " not reachable within 3000 ms");
    }

    @Test
    void aMissingConfigurationIsReportedWithExit64() throws Exception {
        Process p = HostileLauncher.start(sbin.resolve("slurm-resume"), List.of("test7"),
                Map.of(ClientConfig.FILE_ENV, dir.resolve("none.conf").toString()), true);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(64);
        assertThat(stderr).contains("configuration " + dir.resolve("none.conf"));
    }

    @Test
    void installRefusesALibraryDirectoryOthersCanWrite() throws Exception {
        Path lib = dir.resolve("open-lib");
        Files.createDirectories(lib);
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwxrwx"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Install.run(new String[] {"--dir", dir.resolve("sbin2").toString(), "--lib-dir", lib.toString(),
                "--jar", HOOKS_JAR.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains(lib + " is group or world writable");
    }
}
