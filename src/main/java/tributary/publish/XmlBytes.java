package tributary.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Writes a rendered XML feed as UTF-8 bytes, pretty-printed as Rome's WireFeedOutput does, straight into a byte
 * buffer: going through a String held a 500-item page three times over (UTF-16 chars, the writer's growing buffer,
 * the encoded copy), garbage that cache-busting readers multiply.
 */
final class XmlBytes {

    private XmlBytes() {
    }

    static byte[] of(Document xml, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(4096, sizeHint));
        try {
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(xml, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
