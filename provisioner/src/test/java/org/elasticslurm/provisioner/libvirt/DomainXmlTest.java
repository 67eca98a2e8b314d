package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DomainXmlTest {
    private static final DomainMetadata METADATA = new DomainMetadata("test1", "cloud", "op<&>'\"1",
            MachineOrigin.CREATED, List.of(new VolumeRef("images", "test1.qcow2"), new VolumeRef("images",
            "test1-seed.iso")), Optional.empty());

    private static DomainSpec spec(List<DomainSpec.Disk> disks) {
        return new DomainSpec("test1", "qemu", "x86_64", 512, 2,
                Optional.of(new DomainSpec.DirectBoot("/k/vmlinuz", Optional.of("/k/initrd"),
                        Optional.of("console=ttyS0 root=/dev/vda1"))), disks,
                Optional.of(new DomainSpec.Nic("52:54:00:aa:bb:cc", false, "lab")), Optional.of("/log/test1.log"), true,
                Optional.of(METADATA));
    }

    @Test
    void metadataSurvivesTheRoundTripIncludingCharactersXmlEscapes() {
        String xml = DomainXml.render(spec(List.of()));

        LibvirtXml.DomainXmlFacts facts = LibvirtXml.domain(xml);
        assertThat(facts.metadata()).contains(METADATA);
        assertThat(facts.macs()).containsExactly("52:54:00:aa:bb:cc");
        assertThat(facts.vcpus()).isEqualTo(2);
        assertThat(facts.memoryKiB()).isEqualTo(512 * 1024);
    }

    @Test
    void theOwnerIsWrittenAsAttributeOfOurElementAndReadBack() {
        DomainMetadata owned = METADATA.withOwner("lab-2.x_y");
        String xml = DomainXml.render(new DomainSpec("test1", "qemu", "x86_64", 512, 2, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), false, Optional.of(owned)));

        Element machine = (Element) LibvirtXml.parse(xml).getElementsByTagNameNS(DomainMetadata.NAMESPACE, "machine")
                .item(0);
        assertThat(machine.getNamespaceURI()).isEqualTo(DomainMetadata.NAMESPACE);
        assertThat(machine.getAttribute("owner")).isEqualTo("lab-2.x_y");
        assertThat(LibvirtXml.domain(xml).metadata()).contains(owned);
        assertThat(owned.ownedBy("lab-2.x_y")).isTrue();
        assertThat(owned.ownedBy("lab")).isFalse();
    }

    @Test
    void metadataWrittenWithoutOwnerReadsAsOwnedByNoOne() {
        String xml = """
                <domain type='qemu'><name>test1</name><memory unit='KiB'>1024</memory><vcpu>1</vcpu>
                  <metadata><es:machine xmlns:es="http://elasticslurm.org/xmlns/libvirt/machine/1">
                    <es:node>test1</es:node><es:pool>cloud</es:pool><es:operation>op-1</es:operation>
                    <es:origin>created</es:origin></es:machine></metadata></domain>
                """;

        DomainMetadata read = LibvirtXml.domain(xml).metadata().orElseThrow();

        assertThat(read.owner()).isEmpty();
        assertThat(read.ownedBy("lab")).isFalse();
        assertThat(read.node()).isEqualTo("test1");
        assertThat(read.withOwner("lab").toXml()).contains("owner='lab'");
    }

    @Test
    void seedCdromOnScsiGetsAVirtioScsiControllerAndDistinctTargets() {
        String xml = DomainXml.render(spec(List.of(
                new DomainSpec.Disk("/p/test1.qcow2", "qcow2", false, "virtio", false),
                new DomainSpec.Disk("/p/test1-seed.iso", "raw", true, "scsi", true))));
        Element devices = LibvirtXml.child(LibvirtXml.parse(xml).getDocumentElement(), "devices");

        assertThat(LibvirtXml.children(devices, "controller")).singleElement()
                .satisfies(c -> assertThat(c.getAttribute("model")).isEqualTo("virtio-scsi"));
        List<Element> disks = LibvirtXml.children(devices, "disk");
        assertThat(disks).extracting(d -> LibvirtXml.child(d, "target").getAttribute("dev")).containsExactly("vda", "sda");
        assertThat(disks.get(1).getAttribute("device")).isEqualTo("cdrom");
        assertThat(LibvirtXml.child(disks.get(1), "readonly")).isNotNull();
        assertThat(LibvirtXml.children(devices, "channel")).hasSize(1);
        Element log = LibvirtXml.child(LibvirtXml.child(devices, "serial"), "log");
        assertThat(log.getAttribute("file")).isEqualTo("/log/test1.log");
    }

    @Test
    void directBootWritesKernelInitrdAndCommandLineInsteadOfBootDevice() {
        Element os = LibvirtXml.child(LibvirtXml.parse(DomainXml.render(spec(List.of()))).getDocumentElement(), "os");

        assertThat(LibvirtXml.child(os, "kernel").getTextContent()).isEqualTo("/k/vmlinuz");
        assertThat(LibvirtXml.child(os, "initrd").getTextContent()).isEqualTo("/k/initrd");
        assertThat(LibvirtXml.child(os, "cmdline").getTextContent()).isEqualTo("console=ttyS0 root=/dev/vda1");
        assertThat(LibvirtXml.child(os, "boot")).isNull();
    }

    @Test
    void badNamesAndDisksAreRefused() {
        assertThatThrownBy(() -> DomainSpec.requireName("test1;reboot")).hasMessageContaining("not a usable domain name");
        assertThatThrownBy(() -> DomainSpec.requireName("../x")).hasMessageContaining("not a usable domain name");
        assertThatThrownBy(() -> new DomainSpec.Disk("/x.iso", "raw", true, "virtio", true))
                .hasMessageContaining("a cdrom cannot sit on the virtio bus");
        assertThatThrownBy(() -> XmlText.escape("a\u0001b")).hasMessageContaining("control character");
    }

    @Test
    void foreignMetadataIsNotTakenForOurs() {
        String xml = """
                <domain type='kvm'><name>vm1</name><uuid>u</uuid><memory unit='KiB'>1024</memory><vcpu>1</vcpu>
                <metadata><other:machine xmlns:other='http://example.org/x'><other:node>test1</other:node>
                <other:pool>cloud</other:pool></other:machine></metadata></domain>""";

        assertThat(LibvirtXml.domain(xml).metadata()).isEmpty();
    }

    @Test
    void capabilitiesListGuestTypesPerArchitecture() {
        GuestCapabilities caps = LibvirtXml.capabilities("""
                <capabilities><host><cpu><arch>x86_64</arch></cpu></host>
                <guest><os_type>hvm</os_type><arch name='i686'><domain type='qemu'/></arch></guest>
                <guest><os_type>hvm</os_type><arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest>
                </capabilities>""");

        assertThat(caps.hvm()).contains(new GuestCapabilities.Guest("hvm", "x86_64", java.util.Set.of("qemu", "kvm")));
    }
}
