package tributary.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** A 1 GiB gzip bomb of about 1 MB: 64 gzip members of 16 MiB of zeros each, which gzip readers concatenate. */
final class GzipBomb {

    private GzipBomb() {
    }

    static byte[] oneGibibyte() throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 16; i++) {
                gzip.write(zeros);
            }
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            member.writeTo(bomb);
        }
        return bomb.toByteArray();
    }
}
