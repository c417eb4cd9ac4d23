package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.imports.entity.CustomField;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry;
import edu.ucla.dgsom.escrow.imports.entity.ImportedEntry.Kind;
import edu.ucla.dgsom.escrow.imports.entity.ImportedTotp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * KeePass 2's XML export ({@code KeePassFile/Root/Group/...}), read with the JDK's parser hardened: no DOCTYPE (so no
 * entity of any kind), no external DTD or schema, no XInclude, secure processing on. An entry's history and the
 * recycle bin are not read. Its group path below the root group (which names the database) is the folder. TOTP:
 * KeePassXC's {@code otp} (an {@code otpauth://} URI, or {@code key=SEED&...} from older versions) or KeePass's own
 * {@code TimeOtp-Secret-Base32} (a seed).
 */
final class KeePassXml {

    private static final Set<String> STANDARD = Set.of("Title", "UserName", "Password", "URL", "Notes");
    private static final List<String> TOTP_KEYS = List.of("otp", "TimeOtp-Secret-Base32", "TOTP Seed");

    private KeePassXml() {
    }

    static ImportFormat detect(byte[] file) {
        parse(file);
        return ImportFormat.KEEPASS2_XML;
    }

    static List<ImportedEntry> read(byte[] file) {
        Element root = parse(file);
        Element meta = child(root, "Meta");
        String recycleBin = "True".equalsIgnoreCase(text(child(meta, "RecycleBinEnabled")))
                ? text(child(meta, "RecycleBinUUID")) : null;
        Element groups = child(root, "Root");
        if (groups == null) {
            throw ImportProblems.file("the KeePass XML has no Root element");
        }
        List<ImportedEntry> entries = new ArrayList<>();
        for (Element group : children(groups, "Group")) {
            readGroup(group, "", recycleBin, entries);
        }
        return entries;
    }

    private static void readGroup(Element group, String parent, String recycleBin, List<ImportedEntry> entries) {
        String uuid = text(child(group, "UUID"));
        if (recycleBin != null && !recycleBin.isEmpty() && recycleBin.equals(uuid)) {
            return;
        }
        String name = text(child(group, "Name"));
        String path = parent.isEmpty() ? name : parent + "/" + name;
        for (Element entry : children(group, "Entry")) {
            entries.add(entry("entry " + (entries.size() + 1), entry, path));
        }
        for (Element subgroup : children(group, "Group")) {
            readGroup(subgroup, path, recycleBin, entries);
        }
    }

    private static ImportedEntry entry(String position, Element entry, String group) {
        Map<String, String> strings = new LinkedHashMap<>();
        List<CustomField> fields = new ArrayList<>();
        ImportedTotp totp = null;
        for (Element string : children(entry, "String")) {
            String key = text(child(string, "Key"));
            Element value = child(string, "Value");
            if ("True".equalsIgnoreCase(value == null ? null : value.getAttribute("Protected"))) {
                throw ImportProblems.at(position, "holds a value encrypted for a KDBX stream; export the database"
                        + " from KeePass as \"KeePass XML (2.x)\"");
            }
            String text = text(value);
            if (STANDARD.contains(key)) {
                strings.put(key, text);
            } else if (TOTP_KEYS.contains(key) && totp == null && !text.isBlank()) {
                totp = ImportedTotp.parse(keyOf(text));
            } else if (!key.startsWith("TimeOtp-") && !key.equals("TOTP Settings")) {
                fields.add(new CustomField(key, text,
                        value != null && "True".equalsIgnoreCase(value.getAttribute("ProtectInMemory"))));
            }
        }
        return new ImportedEntry(position, Kind.LOGIN, strings.get("Title"), strings.get("URL"),
                strings.get("UserName"), strings.get("Password"), totp, strings.get("Notes"),
                CsvExports.belowRoot(group), false, fields);
    }

    /** Older KeePassXC wrote {@code otp} as {@code key=SEED&step=30&size=6}: its seed. */
    private static String keyOf(String otp) {
        String text = otp.strip();
        if (!text.startsWith("key=")) {
            return text;
        }
        int end = text.indexOf('&');
        return text.substring(4, end < 0 ? text.length() : end);
    }

    /** The document's root element, which must be KeePassFile. */
    private static Element parse(byte[] file) {
        Document document;
        try {
            DocumentBuilder builder = hardened().newDocumentBuilder();
            builder.setErrorHandler(RETHROW);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved");
            });
            document = builder.parse(new InputSource(new ByteArrayInputStream(file)));
        } catch (SAXParseException e) {
            String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
            String message = String.valueOf(e.getMessage());
            throw ImportProblems.at(where, message.contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed (it could declare entities)"
                    : "the file is not well-formed XML");
        } catch (SAXException | IOException e) {
            throw ImportProblems.file("the file is not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        Element root = document.getDocumentElement();
        if (!"KeePassFile".equals(root.getTagName())) {
            throw ImportProblems.at("line 1", "the XML's root element is not KeePassFile, so it is not a KeePass 2"
                    + " XML export");
        }
        return root;
    }

    static DocumentBuilderFactory hardened() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        return factory;
    }

    /** Parse errors become exceptions, and nothing is printed to the console. */
    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // ignored: a warning does not stop the parse
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent();
    }
}
