package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterIdsTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "urn:tributary:story:" + HASH + "|" + HASH,
            HASH + "|" + HASH,
            "URN:TRIBUTARY:STORY:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF|" + HASH,
            "urn:tributary:story:|<none>",
            "42|<none>",
            "-1|<none>",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg|<none>",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0|<none>",
            "urn:tributary:item:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|<none>"})
    void readsAnEntryIdOrAStoryHashAndNothingElse(String id, String expected) {
        assertEquals(expected, ClusterIds.hash(id).orElse("<none>"));
    }
}
