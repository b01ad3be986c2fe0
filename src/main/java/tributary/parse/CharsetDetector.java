package tributary.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML body the way RFC 7303 section 3 orders it: a byte order mark, else the HTTP charset, else the
 * encoding in the XML declaration, else UTF-8 (UTF-16/32 without a BOM recognised by their "&lt;?" pattern).
 * A declared or defaulted UTF-8 that does not decode is read as windows-1252, the usual mislabel; a legacy label on
 * bytes that are clean multi-byte UTF-8 is the other usual mislabel.
 */
final class CharsetDetector {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?([^\"';\\s]+)");
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']+)[\"']");

    private CharsetDetector() {
    }

    /** The decoded text, without its BOM. */
    static String decode(byte[] b, String contentType) {
        if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return new String(b, 4, b.length - 4, UTF_32BE);
        }
        if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return new String(b, 4, b.length - 4, UTF_32LE);
        }
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(b, 0xFE, 0xFF)) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(b, 0xFF, 0xFE)) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        Charset http = charset(httpCharset(contentType));
        if (http != null) {
            return decodeWithFallback(b, http);
        }
        Charset family = family(b);
        if (family != StandardCharsets.UTF_8) {
            // Without a BOM the declaration of a UTF-16/32 document only says which byte order we already found.
            return new String(b, family);
        }
        Charset declared = charset(declaredEncoding(b));
        return decodeWithFallback(b, declared == null ? StandardCharsets.UTF_8 : declared);
    }

    private static String decodeWithFallback(byte[] b, Charset named) {
        String utf8 = strictUtf8(b);
        if (named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII)) {
            return utf8 != null ? utf8 : new String(b, WINDOWS_1252);
        }
        // Multi-byte UTF-8 that decodes cleanly is almost never legacy text by chance: the label is what is wrong.
        if (utf8 != null && hasHighBytes(b)) {
            return utf8;
        }
        // As HTML5 does, an ISO-8859-1 label means windows-1252, which only adds printable characters.
        return new String(b, named.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : named);
    }

    private static String strictUtf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasHighBytes(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return true;
            }
        }
        return false;
    }

    /** The byte layout of "&lt;?" (or "&lt;" followed by anything) tells UTF-16/32 without a BOM. */
    private static Charset family(byte[] b) {
        if (startsWith(b, 0x00, 0x00, 0x00, 0x3C)) {
            return UTF_32BE;
        }
        if (startsWith(b, 0x3C, 0x00, 0x00, 0x00)) {
            return UTF_32LE;
        }
        if (startsWith(b, 0x00, 0x3C)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(b, 0x3C, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    static String httpCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static String declaredEncoding(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        Matcher m = DECLARED.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** The named charset, or null when Java does not know it; a label for UTF-16/32 without BOM is ignored. */
    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            Charset charset = Charset.forName(name.strip().toLowerCase(Locale.ROOT));
            String canonical = charset.name();
            // A "UTF-16" label on bytes with no BOM and no 16-bit layout is a lie about an 8-bit document.
            return canonical.startsWith("UTF-16") || canonical.startsWith("UTF-32") ? null : charset;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
