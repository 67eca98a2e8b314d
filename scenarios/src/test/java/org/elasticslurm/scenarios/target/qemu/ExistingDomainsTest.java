package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The domain XML of a Level 2 node's persistent domain, parsed as libvirt reads it. */
class ExistingDomainsTest {
    private static final Path CONSOLES = Path.of("/tmp/eslq-1/consoles");

    private static ExistingDomains.Definition definition(String cmdline) {
        return new ExistingDomains.Definition("eq0a0b0c-node1", 1024, Path.of("/var/cache/guest"), cmdline,
                Path.of("/pools/eq0a0b0c/eq0a0b0c-node1.qcow2"), Path.of("/pools/eq0a0b0c/eq0a0b0c-node1-seed.iso"),
                "52:54:00:77:00:01", "eq0a0b0cx0", CONSOLES.resolve("eq0a0b0c-node1.console.log"));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String at(Document doc, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    @Test
    void theSerialConsoleIsLoggedToAFileOfTheRunThatEachStartBeginsAnew() throws Exception {
        Document doc = parse(definition("console=ttyS0").xml());

        assertThat(at(doc, "/domain/devices/serial/@type")).isEqualTo("pty");
        assertThat(at(doc, "/domain/devices/serial/log/@file"))
                .isEqualTo("/tmp/eslq-1/consoles/eq0a0b0c-node1.console.log");
        assertThat(at(doc, "/domain/devices/serial/log/@append")).isEqualTo("off");
        assertThat(at(doc, "count(/domain/devices/serial)")).isEqualTo("1");
        assertThat(at(doc, "/domain/devices/console/target/@type")).isEqualTo("serial");
    }

    @Test
    void theDomainKeepsItsNameDisksAndInterface() throws Exception {
        Document doc = parse(definition("console=ttyS0").xml());

        assertThat(at(doc, "/domain/name")).isEqualTo("eq0a0b0c-node1");
        assertThat(at(doc, "/domain/devices/disk[1]/source/@file")).isEqualTo("/pools/eq0a0b0c/eq0a0b0c-node1.qcow2");
        assertThat(at(doc, "/domain/devices/disk[2]/source/@file"))
                .isEqualTo("/pools/eq0a0b0c/eq0a0b0c-node1-seed.iso");
        assertThat(at(doc, "/domain/devices/interface/mac/@address")).isEqualTo("52:54:00:77:00:01");
        assertThat(at(doc, "/domain/devices/interface/target/@dev")).isEqualTo("eq0a0b0cx0");
        assertThat(at(doc, "/domain/os/kernel")).isEqualTo("/var/cache/guest/vmlinuz");
    }

    @Test
    void aKernelCommandLineWithXmlCharactersReachesLibvirtAsWritten() throws Exception {
        String cmdline = "console=ttyS0 ds=nocloud;s=file:///seed/ quiet a<b && 'c'";

        Document doc = parse(definition(cmdline).xml());

        assertThat(at(doc, "/domain/os/cmdline")).isEqualTo(cmdline);
    }

    @Test
    void everyVariableOfTheTargetsUserDataTemplatesIsFilledForADomainTheTargetDefines() {
        for (String template : java.util.List.of("user-data-real.yaml", "user-data-fake.yaml")) {
            String rendered = ExistingDomains.render(QemuResources.text(template), "node1", new byte[] {1, 2},
                    "ClusterName=lab\n", java.util.Map.of("never_register", "node1",
                            "ssh_authorized_key", "ssh-ed25519 AAAAC3 elastic-lab-eq0a0b0c"));

            assertThat(rendered).as(template).doesNotContain("{{").doesNotContain("}}")
                    .contains("content: ssh-ed25519 AAAAC3 elastic-lab-eq0a0b0c")
                    .contains("path: /root/.ssh/authorized_keys");
        }
    }
}
