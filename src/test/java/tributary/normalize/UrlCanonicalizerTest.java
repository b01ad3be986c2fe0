package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "HTTPS://VnExpress.NET:443/a.html#top, https://vnexpress.net/a.html",
            "http://example.vn:80/a?utm_source=rss&utm_medium=feed, http://example.vn/a",
            "https://example.vn/a?id=7&fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3, https://example.vn/a?id=7",
            "https://example.vn:8443/a, https://example.vn:8443/a",
            "https://example.vn, https://example.vn/"})
    void canonicalFormDropsWhatDoesNotNameTheArticle(String url, String canonical) {
        assertEquals(canonical, UrlCanonicalizer.canonical(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/tin/a.html, https://example.vn/tin/a.html",
            "b.html, https://example.vn/rss/b.html",
            "https://other.vn/x, https://other.vn/x"})
    void relativeLinksResolveAgainstTheDocument(String link, String resolved) {
        assertEquals(resolved, UrlCanonicalizer.resolve(link, URI.create("https://example.vn/rss/feed.rss")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "mailto:a@b.vn", "ftp://example.vn/x", " "})
    void onlyHttpLinksSurvive(String link) {
        assertNull(UrlCanonicalizer.resolve(link, URI.create("https://example.vn/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.vn/a\uFFFF.html", "https://example.vn/\uFFFEa.html\uFFFF",
            "/a\uFFFF.html", "https://example.vn/a\u0001.html"})
    void charactersXmlForbidsAreDroppedFromLinks(String link) {
        assertEquals("https://example.vn/a.html", UrlCanonicalizer.resolve(link, URI.create("https://example.vn/rss")));
    }

    @Test
    void aLinkOfNothingButForbiddenCharactersIsNoLink() {
        assertNull(UrlCanonicalizer.resolve("\uFFFF\uFFFE", URI.create("https://example.vn/rss")));
    }
}
