package org.elasticslurm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class TestDriverHostTest {

    @TempDir
    Path dir;

    @Test
    void theNodeFileDescribesTheHostsCpusMemoryPoolNetworkAndDomains() throws Exception {
        Document doc = parse(TestDriverHost.withCpus(4).memoryMiB(8192)
                .domain("test1", "52:54:00:00:00:01").domain("test2", "52:54:00:00:00:02").xml());
        var xp = XPathFactory.newInstance().newXPath();

        assertThat(xp.evaluate("/node/cpu/cores", doc)).isEqualTo("4");
        assertThat(xp.evaluate("/node/memory", doc)).isEqualTo(Long.toString(8192L * 1024));
        assertThat(xp.evaluate("/node/pool[name='images']/volume/name", doc)).isEqualTo("base.qcow2");
        assertThat(xp.evaluate("/node/network/name", doc)).isEqualTo("lab");
        assertThat(xp.evaluate("count(/node/domain)", doc)).isEqualTo("2");
        assertThat(xp.evaluate("/node/domain[name='test2']/devices/interface/mac/@address", doc))
                .isEqualTo("52:54:00:00:00:02");
    }

    @Test
    void writeReturnsATestDriverUriOfTheFileItWrote() throws Exception {
        String uri = TestDriverHost.withCpus(2).write(dir, "h1");

        assertThat(uri).isEqualTo("test://" + dir.resolve("h1.xml").toAbsolutePath());
        assertThat(Files.readString(dir.resolve("h1.xml"))).startsWith("<node");
    }

    @Test
    void aDomainNamedTwiceAndAHostWithoutCpusAreRefused() {
        assertThatThrownBy(() -> TestDriverHost.withCpus(1).domains(Map.of("a", "m1")).domain("a", "m2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("domain a is already on this host");
        assertThatThrownBy(() -> TestDriverHost.withCpus(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 CPU");
    }

    @Test
    void hostsFileHasOneReservationPerNode() {
        assertThat(TestDriverHost.hostsFile(List.of("n1", "n2"), Map.of("n1", "m1", "n2", "m2"), "127.0.0.1"))
                .isEqualTo("m1,127.0.0.1,n1\nm2,127.0.0.1,n2\n");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
