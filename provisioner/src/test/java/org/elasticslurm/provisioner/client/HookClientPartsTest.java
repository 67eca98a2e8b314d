package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookClientPartsTest {
    @TempDir
    Path dir;

    @Test
    void hostlistsAreQuotedAsJsonStrings() {
        assertThat(Json.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    @Test
    void theErrorTextOfAReplyIsExtracted() {
        assertThat(Json.errorText("{\"error\":\"nodes: not \\\"x\\\"\"}")).isEqualTo("nodes: not \"x\"");
        assertThat(Json.errorText("plain text")).isEqualTo("plain text");
    }

    @Test
    void aChunkedReplyIsReassembled() throws Exception {
        String raw = "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "5\r\n{\"ope\r\nf\r\nrations\":[{\"id\"\r\n7\r\n:\"a\"}]}\r\n0\r\n\r\n";

        HttpPost.Reply reply = HttpPost.parse(raw.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEqualTo("{\"operations\":[{\"id\":\"a\"}]}");
    }

    @Test
    void somethingThatIsNotHttpIsAnError() {
        assertThatThrownBy(() -> HttpPost.parse("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("not an HTTP reply");
    }

    @Test
    void theConfigurationFileIsReadWithDefaults() throws Exception {
        Path conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=http://127.0.0.1:8080/\n");

        ClientConfig c = ClientConfig.read(conf);

        assertThat(c.url()).hasToString("http://127.0.0.1:8080");
        assertThat(c.tokenFile()).isEqualTo(Path.of("/etc/elastic-slurm/token"));
        assertThat(c.deadline()).isEqualTo(Duration.ofMillis(800));
        assertThat(ClientConfig.location(Map.of())).isEqualTo(Path.of("/etc/elastic-slurm/client.conf"));
        assertThat(ClientConfig.location(Map.of(ClientConfig.FILE_ENV, conf.toString()))).isEqualTo(conf);
    }

    @Test
    void badConfigurationValuesAreNamed() throws Exception {
        Path conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=ftp://x\n");
        assertThatThrownBy(() -> ClientConfig.read(conf)).hasMessageContaining("url: an http:// or https:// URL");
        Files.writeString(conf, "url=http://x\ntoken-file=relative\n");
        assertThatThrownBy(() -> ClientConfig.read(conf)).hasMessageContaining("token-file: an absolute path");
    }

    @Test
    void wrongUsageExitsWith64AndSaysHow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = HookMain.run(new String[] {"reboot", "test1"}, Map.of(), new PrintStream(err));

        assertThat(status).isEqualTo(64);
        assertThat(err.toString()).startsWith("usage: HookMain resume|suspend|resume-fail <hostlist>");
    }

    @Test
    void theWrapperExecsTheAbsoluteJavaAndReopensClosedDescriptors() {
        String w = Install.wrapper("slurm-resume", "resume", Path.of("/opt/java/bin/java"), Path.of("/lib/h.jar"),
                Path.of(ClientConfig.DEFAULT_FILE));

        assertThat(w).startsWith("#!/bin/sh\n")
                .contains("[ -e /proc/self/fd/0 ] || exec 0</dev/null\n")
                .contains("[ -e /proc/self/fd/2 ] || exec 2>/dev/null\n")
                .endsWith("exec /opt/java/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp"
                        + " /lib/h.jar org.elasticslurm.provisioner.client.HookMain resume \"$@\"\n");
    }
}
