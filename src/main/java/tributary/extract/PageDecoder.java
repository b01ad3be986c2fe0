package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Bytes of a page to a jsoup document: refuses what is not HTML (by Content-Type, else by the first bytes), takes
 * the charset from a BOM, then the Content-Type, then {@code <meta charset>} / http-equiv, else UTF-8.
 */
final class PageDecoder {

    /** A document, or why there is none. */
    record Decoded(@Nullable Document document, @Nullable String problem) {
    }

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    private PageDecoder() {
    }

    static Decoded decode(byte[] page, @Nullable String contentType, String baseUri) {
        if (page == null || page.length == 0) {
            return new Decoded(null, "the page was empty (0 bytes)");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        String mime = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
        if (!mime.isEmpty() && !htmlLike(mime)) {
            return new Decoded(null, "the page is " + mime + ", not HTML: link items to an article page, or turn off"
                    + " full_text for this feed");
        }
        String sniffed = binaryKind(page);
        if (sniffed != null) {
            return new Decoded(null, "the page is " + sniffed + " (by its first bytes), not HTML");
        }
        try {
            // With no BOM, the header's charset wins over the page's own meta, as browsers do; jsoup reads the BOM
            // and the meta itself when given null.
            String charset = hasBom(page) ? null : supported(type);
            Document document = Jsoup.parse(new ByteArrayInputStream(page), charset, baseUri);
            return new Decoded(document, null);
        } catch (IOException | UncheckedIOException e) {
            return new Decoded(null, "the page could not be read as HTML: " + e.getMessage());
        }
    }

    private static boolean htmlLike(String mime) {
        return mime.contains("html") || mime.equals("text/plain") || mime.equals("application/octet-stream")
                || mime.equals("application/xml") || mime.equals("text/xml") || mime.equals("binary/octet-stream");
    }

    /** A name for bytes that are plainly not a page (PDF, images, JSON, archives), else null. */
    private static String binaryKind(byte[] b) {
        if (startsWith(b, "%PDF")) {
            return "a PDF";
        }
        if (startsWith(b, "\u0089PNG") || startsWith(b, "GIF8") || b.length > 2 && (b[0] & 0xff) == 0xff
                && (b[1] & 0xff) == 0xd8 || startsWith(b, "RIFF") || startsWith(b, "PK\u0003\u0004")) {
            return "an image or archive";
        }
        int i = 0;
        while (i < b.length && i < 64 && Character.isWhitespace(b[i])) {
            i++;
        }
        return i < b.length && (b[i] == '{' || b[i] == '[') ? "JSON" : null;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((b[i] & 0xff) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf
                || b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff
                || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe);
    }

    /** The Content-Type's charset when Java knows it; an unknown one is left to the page's meta. */
    private static String supported(String type) {
        Matcher m = CHARSET.matcher(type);
        if (!m.find()) {
            return null;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        // Servers that send a charset without knowing the page's send these defaults; none of them can even encode
        // Vietnamese, so the page's own meta (or UTF-8) is the better guess.
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii")
                || name.equals("windows-1252")) {
            return null;
        }
        try {
            return Charset.isSupported(name) ? name : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
