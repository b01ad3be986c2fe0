package tributary.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One damage done to a feed document's bytes. Positions are any non-negative int, taken modulo the document's
 * length, so a recipe stays valid whatever document it meets and prints short in a failure report.
 */
sealed interface Mutation {

    byte[] apply(byte[] doc);

    /** Flips the bits of mask in one byte. */
    record ByteFlip(int position, int mask) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            if (doc.length == 0) {
                return doc;
            }
            byte[] out = doc.clone();
            int at = position % doc.length;
            out[at] = (byte) (out[at] ^ mask);
            return out;
        }
    }

    /** Cuts the document short, as a dropped connection would. */
    record Truncate(int position) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            return Arrays.copyOf(doc, position % (doc.length + 1));
        }
    }

    /** Writes a fragment of the document again right after itself, times times over. */
    record RepeatFragment(int position, int length, int times) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            if (doc.length == 0) {
                return doc;
            }
            int start = position % doc.length;
            int end = Math.min(doc.length, start + length);
            return Bytes.splice(doc, end, Bytes.repeat(Arrays.copyOfRange(doc, start, end),
                    Math.min(times, Bytes.MAX_GROWTH / (end - start))));
        }
    }

    /**
     * Puts a character XML 1.0 forbids (or a lone surrogate) into the document, written as raw bytes or as a
     * character reference, either anywhere or right inside an element or field that carries a link, id or title.
     */
    record InsertIllegal(int position, Anchor anchor, IllegalChar character, Form form) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            int at = anchor.find(doc, position);
            return Bytes.splice(doc, at, form.encode(character.codePoint));
        }
    }

    /** Repeats the first item or entry (XML) or the first object of "items" (JSON) times times: huge counts. */
    record DuplicateEntries(int times) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            int[] range = Bytes.firstEntry(doc);
            if (range == null) {
                return doc;
            }
            byte[] entry = Arrays.copyOfRange(doc, range[0], range[1]);
            byte[] glue = Bytes.isJson(doc) ? new byte[] {','} : new byte[0];
            int copiesToWrite = Math.min(times, Bytes.MAX_GROWTH / (entry.length + 1));
            ByteArrayOutputStream copies = new ByteArrayOutputStream((entry.length + 1) * copiesToWrite);
            for (int i = 0; i < copiesToWrite; i++) {
                copies.writeBytes(glue);
                copies.writeBytes(entry);
            }
            return Bytes.splice(doc, range[1], copies.toByteArray());
        }
    }

    /** Nests depth elements (XML) or arrays (JSON) inside the first entry, or at a random place when there is none. */
    record DeepNesting(int position, int depth) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            boolean json = Bytes.isJson(doc);
            String open = json ? "[" : "<div>";
            String close = json ? "]" : "</div>";
            String nested = (json ? "\"deep\":" : "") + open.repeat(depth) + close.repeat(depth) + (json ? "," : "");
            int[] range = Bytes.firstEntry(doc);
            int at;
            if (range != null) {
                // Just past the entry's opening brace or start tag.
                at = json ? range[0] + 1 : Bytes.indexOf(doc, (byte) '>', range[0]) + 1;
            } else {
                at = doc.length == 0 ? 0 : position % doc.length;
            }
            return Bytes.splice(doc, at, nested.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Puts a DOCTYPE before the root element: entity expansion, external entities, an external DTD. */
    record InsertDoctype(Doctype doctype) implements Mutation {
        @Override
        public byte[] apply(byte[] doc) {
            int root = Bytes.rootElementStart(doc);
            return Bytes.splice(doc, root, doctype.text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Where InsertIllegal goes: anywhere, or just inside the first of some markup (a link, an id, a title). */
    enum Anchor {
        ANYWHERE(),
        LINK("<link>", "href=\"", "\"url\": \"", "\"url\":\""),
        ID("<guid", "<id>", "\"id\": \"", "\"id\":\""),
        TITLE("<title>", "\"title\": \"", "\"title\":\""),
        ENCLOSURE("<enclosure url=\"", "\"attachments\": [{\"url\": \"");

        private final byte[][] markers;

        Anchor(String... markers) {
            this.markers = new byte[markers.length][];
            for (int i = 0; i < markers.length; i++) {
                this.markers[i] = markers[i].getBytes(StandardCharsets.US_ASCII);
            }
        }

        int find(byte[] doc, int position) {
            for (byte[] marker : markers) {
                int at = Bytes.indexOf(doc, marker, 0);
                if (at >= 0) {
                    int end = at + marker.length;
                    byte last = marker[marker.length - 1];
                    if (last == '>' || last == '"') {
                        return end;
                    }
                    // A start tag with attributes (<guid isPermaLink="false">): the text starts past its '>'.
                    int gt = Bytes.indexOf(doc, (byte) '>', end);
                    return gt < 0 ? end : gt + 1;
                }
            }
            return position % (doc.length + 1);
        }
    }

    /** Characters no XML 1.0 document may hold, and code points that are not characters at all. */
    enum IllegalChar {
        NUL(0x0), SOH(0x1), VT(0xB), ESC(0x1B), FFFE(0xFFFE), FFFF(0xFFFF), HIGH_SURROGATE(0xD800),
        LOW_SURROGATE(0xDC00), LAST_SURROGATE(0xDFFF), NON_CHARACTER(0xFDD0), PLANE_16_NON_CHARACTER(0x10FFFF);

        final int codePoint;

        IllegalChar(int codePoint) {
            this.codePoint = codePoint;
        }
    }

    /** How the character is written into the document. */
    enum Form {
        /** UTF-8 bytes (surrogates encoded as UTF-8 would if it allowed them: CESU-style, three bytes). */
        RAW {
            @Override
            byte[] encode(int cp) {
                if (cp < 0x80) {
                    return new byte[] {(byte) cp};
                }
                if (cp < 0x800) {
                    return new byte[] {(byte) (0xC0 | cp >> 6), (byte) (0x80 | cp & 0x3F)};
                }
                if (cp < 0x10000) {
                    return new byte[] {(byte) (0xE0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
                }
                return new byte[] {(byte) (0xF0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3F),
                        (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)};
            }
        },
        HEX_REFERENCE {
            @Override
            byte[] encode(int cp) {
                return ("&#x" + Integer.toHexString(cp).toUpperCase() + ";").getBytes(StandardCharsets.US_ASCII);
            }
        },
        DECIMAL_REFERENCE {
            @Override
            byte[] encode(int cp) {
                return ("&#" + cp + ";").getBytes(StandardCharsets.US_ASCII);
            }
        },
        /** A JSON string escape (\\uD800); inside XML it is plain text. */
        JSON_ESCAPE {
            @Override
            byte[] encode(int cp) {
                StringBuilder s = new StringBuilder();
                for (char c : Character.toChars(cp)) {
                    s.append("\\u").append(HexFormat.of().withUpperCase().toHexDigits(c));
                }
                return s.toString().getBytes(StandardCharsets.US_ASCII);
            }
        };

        abstract byte[] encode(int cp);
    }

    /** DOCTYPEs a hostile or careless publisher writes. */
    enum Doctype {
        LAUGHS("<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n"),
        EXTERNAL_FILE("<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"),
        EXTERNAL_HTTP("<!DOCTYPE rss [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>\n"),
        PARAMETER("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]>\n"),
        PUBLIC_DTD("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                + "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"),
        HTML("<!DOCTYPE html>\n");

        final String text;

        Doctype(String text) {
            this.text = text;
        }
    }
}
