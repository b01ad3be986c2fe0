package tributary.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SHA-256 against the FIPS 180-2 vectors, in every form the helper answers. */
class Sha256Test {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "'' | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "abc | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                    + " | 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"})
    void matchesTheKnownVectors(String text, String hex) {
        assertEquals(hex, Sha256.hex(text));
        assertEquals(hex, Sha256.hex(text.getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(HexFormat.of().parseHex(hex), Sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashesTextAsUtf8() {
        assertEquals(Sha256.hex("Thời sự".getBytes(StandardCharsets.UTF_8)), Sha256.hex("Thời sự"));
    }

    @Test
    void aStreamedDigestMatchesTheWholeOne() {
        MessageDigest digest = Sha256.newDigest();
        digest.update("ab".getBytes(StandardCharsets.US_ASCII));
        digest.update("c".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(digest.digest()));
        assertNotSame(Sha256.newDigest(), Sha256.newDigest());
    }
}
