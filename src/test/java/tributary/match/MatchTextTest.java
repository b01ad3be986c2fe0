package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchTextTest {

    @Test
    void serializeRoundTripsVietnameseAndControlChars() {
        MatchText item = MatchText.of("Bão số 3\u001F đổ bộ", "Nguyễn\u001E Văn A",
                Arrays.asList("Thời tiết", null, "Xã\u001Fhội", ""), "Nội dung\tdòng 2\n\u0000 hết");
        MatchText back = MatchText.deserialize(item.serialize());
        assertEquals("Bão số 3 đổ bộ", back.title());
        assertEquals("Nguyễn Văn A", back.author());
        assertEquals(List.of("Thời tiết", "Xãhội"), back.categories());
        assertEquals("Nội dung\tdòng 2\n\u0000 hết", back.body());
        assertEquals(item.serialize(), back.serialize());
        assertEquals(item, back);
    }

    @Test
    void serializeKeepsEmptyFieldsApart() {
        MatchText item = MatchText.of(null, "", List.of(), "chỉ có thân");
        MatchText back = MatchText.deserialize(item.serialize());
        assertEquals("", back.title());
        assertEquals("", back.author());
        assertEquals(List.of(), back.categories());
        assertEquals("chỉ có thân", back.body());
    }

    @Test
    void deserializeToleratesNothing() {
        for (String stored : new String[] {null, "", "chỉ tiêu đề"}) {
            MatchText item = MatchText.deserialize(stored);
            assertEquals("", item.author());
            assertEquals(List.of(), item.categories());
            assertEquals("", item.body());
        }
    }

    @Test
    void bodyIsCutAtTheLimit() throws QuerySyntaxException {
        String body = "x ".repeat(MatchText.MAX_BODY_CHARS) + "cuối";
        MatchText item = MatchText.of("t", null, null, body);
        assertEquals(MatchText.MAX_BODY_CHARS, item.body().length());
        assertFalse(Query.parse("cuối").matches(item));
        assertTrue(Query.parse("x").matches(item));
    }

    @Test
    void decomposedInputIsMatchedButStoredAsWritten() throws QuerySyntaxException {
        String nfd = java.text.Normalizer.normalize("Hòa Bình", java.text.Normalizer.Form.NFD);
        MatchText item = MatchText.of(nfd, null, null, null);
        assertEquals(nfd, MatchText.deserialize(item.serialize()).title());
        assertTrue(Query.parse("hoà").matches(item));
    }
}
