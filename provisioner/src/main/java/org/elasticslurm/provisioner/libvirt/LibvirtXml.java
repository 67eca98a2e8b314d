package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads the XML documents libvirt hands out (domains, capabilities, volumes). No DTDs, no external entities. */
final class LibvirtXml {

    /**
     * The parts of a domain description we use.
     *
     * @param name domain name
     * @param uuid UUID
     * @param vcpus virtual CPUs
     * @param memoryKiB maximum memory
     * @param macs interface MACs, lower case
     * @param metadata our metadata, when present
     */
    record DomainXmlFacts(String name, String uuid, int vcpus, long memoryKiB, List<String> macs,
                          Optional<DomainMetadata> metadata) {
    }

    private LibvirtXml() {
    }

    static DomainXmlFacts domain(String xml) {
        Element root = parse(xml).getDocumentElement();
        List<String> macs = new ArrayList<>();
        Element devices = child(root, "devices");
        if (devices != null) {
            for (Element iface : children(devices, "interface")) {
                Element mac = child(iface, "mac");
                if (mac != null) {
                    macs.add(mac.getAttribute("address").toLowerCase());
                }
            }
        }
        Optional<DomainMetadata> metadata = Optional.empty();
        Element md = child(root, "metadata");
        if (md != null) {
            for (Node n = md.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && DomainMetadata.NAMESPACE.equals(e.getNamespaceURI())
                        && DomainMetadata.ELEMENT.equals(e.getLocalName())) {
                    metadata = DomainMetadata.fromElement(e);
                }
            }
        }
        return new DomainXmlFacts(text(root, "name"), text(root, "uuid"), Integer.parseInt(text(root, "vcpu")),
                kib(child(root, "memory")), macs, metadata);
    }

    static GuestCapabilities capabilities(String xml) {
        Element root = parse(xml).getDocumentElement();
        Element host = child(root, "host");
        String hostArch = host == null || child(host, "cpu") == null ? "" : text(child(host, "cpu"), "arch");
        List<GuestCapabilities.Guest> guests = new ArrayList<>();
        for (Element guest : children(root, "guest")) {
            Element arch = child(guest, "arch");
            if (arch == null) {
                continue;
            }
            Set<String> types = new LinkedHashSet<>();
            for (Element d : children(arch, "domain")) {
                types.add(d.getAttribute("type"));
            }
            guests.add(new GuestCapabilities.Guest(text(guest, "os_type"), arch.getAttribute("name"), types));
        }
        return new GuestCapabilities(hostArch, guests);
    }

    /** The interfaces of a domain description. */
    static List<DomainInterface> interfaces(String xml) {
        List<DomainInterface> out = new ArrayList<>();
        Element devices = child(parse(xml).getDocumentElement(), "devices");
        if (devices == null) {
            return out;
        }
        for (Element iface : children(devices, "interface")) {
            Element mac = child(iface, "mac");
            Element target = child(iface, "target");
            out.add(new DomainInterface(iface.getAttribute("type"),
                    mac == null ? "" : mac.getAttribute("address").toLowerCase(),
                    target == null || target.getAttribute("dev").isEmpty() ? Optional.empty()
                            : Optional.of(target.getAttribute("dev"))));
        }
        return out;
    }

    /** A volume's format ({@code target/format/@type}), {@code raw} when absent. */
    static String volumeFormat(String xml) {
        Element target = child(parse(xml).getDocumentElement(), "target");
        Element format = target == null ? null : child(target, "format");
        return format == null || format.getAttribute("type").isEmpty() ? "raw" : format.getAttribute("type");
    }

    private static long kib(Element memory) {
        if (memory == null) {
            return 0;
        }
        long value = Long.parseLong(memory.getTextContent().strip());
        return switch (memory.getAttribute("unit").isEmpty() ? "KiB" : memory.getAttribute("unit")) {
            case "b", "bytes" -> value / 1024;
            case "KiB", "k" -> value;
            case "MiB", "M" -> value * 1024;
            case "GiB", "G" -> value * 1024 * 1024;
            default -> throw new IllegalArgumentException("unexpected memory unit " + memory.getAttribute("unit"));
        };
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance(); // no service lookup per parse
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("libvirt returned XML that cannot be read: " + e.getMessage(), e);
        }
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && e.getNamespaceURI() == null) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && e.getNamespaceURI() == null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }
}
