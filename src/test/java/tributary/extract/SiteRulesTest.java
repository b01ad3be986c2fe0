package tributary.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteRulesTest {

    private static final SiteRules RULES = SiteRules.load();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "https://vnexpress.net/a-1.html, vnexpress.net",
        "https://www.vnexpress.net/a-1.html, vnexpress.net",
        "https://e.vnexpress.net/news/a-1.html, vnexpress.net",
        "https://tuoitre.vn/a.htm, tuoitre.vn",
        "https://thanhnien.vn/a.htm, thanhnien.vn",
        "https://dantri.com.vn/a.htm, dantri.com.vn",
        "https://vietnamnet.vn/a.html, vietnamnet.vn",
        "https://znews.vn/a.html, znews.vn",
        "https://laodong.vn/a.ldo, laodong.vn",
        "https://nld.com.vn/a.htm, nld.com.vn",
        "https://tienphong.vn/a.tpo, tienphong.vn",
        "https://phunuthudo.vn/a.html, phunuthudo.vn",
        "https://baophunuthudo.vn/a.html, phunuthudo.vn",
        "https://www.bbc.com/vietnamese/articles/c1, bbc.com/vietnamese",
        "HTTPS://WWW.VNEXPRESS.NET/A.html, vnexpress.net",
    })
    void matchesTheSiteByHostWithSubdomainsAndWithoutWww(String url, String rule) {
        assertEquals(rule, RULES.forPage(URI.create(url)).name());
    }

    @Test
    void doesNotMatchAHostThatOnlyEndsLikeASite() {
        assertNull(RULES.forPage(URI.create("https://notvnexpress.net/a.html")));
        assertNull(RULES.forPage(URI.create("https://vnexpress.net.example.com/a.html")));
        assertNull(RULES.forPage(URI.create("urn:isbn:123")));
    }

    @Test
    void everyShippedRuleSaysWhereItsSelectorsCameFrom() {
        assertEquals(11, RULES.all().size());
        for (SiteRule rule : RULES.all()) {
            assertFalse(rule.source().isBlank(), rule.name());
            assertFalse(rule.selectors().isEmpty(), rule.name());
        }
    }

    @Test
    void aRulesFileWithASelectorJsoupCannotReadIsRefusedAtLoad() {
        String yaml = "sites:\n  - name: x\n    hosts: [x.vn]\n    selectors: [\"div[[\"]\n    source: test\n";

        assertThrows(RuntimeException.class,
                () -> SiteRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aRuleWithoutSourceIsRefusedAtLoad() {
        String yaml = "sites:\n  - name: x\n    hosts: [x.vn]\n    selectors: [article]\n";

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SiteRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("source"));
    }
}
