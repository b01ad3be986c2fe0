package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {

    private static final String BASE = "https://news.example.vn/thoi-su/bai-1.html";

    /** Hostile snippets after the ones html5sec.org, OWASP's XSS filter evasion sheet and feedparser's sanitize tests collect. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "<script>alert(1)</script>safe",
            "<SCRIPT SRC=http://xss.example/x.js></SCRIPT>safe",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<script><!--\nalert(1)//--></script>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"https://img.example/a.jpg\" onload=\"alert(1)\">",
            "<body onload=alert(1)>safe",
            "<div onmouseover=\"alert(1)\">hover</div>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"ja&#x09;vascript:alert(1)\">x</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\" &#14;  javascript:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">safe",
            "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">safe",
            "<base href=\"javascript:alert(1)//\"><a href=\"/x\">x</a>",
            "<iframe src=\"https://evil.example/\"></iframe>safe",
            "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
            "<object data=\"https://evil.example/x.swf\"></object>safe",
            "<embed src=\"https://evil.example/x.swf\">safe",
            "<form action=\"https://evil.example/\"><input name=p><button formaction=\"javascript:alert(1)\">go</button></form>",
            "<img srcset=\"javascript:alert(1) 1x, https://img.example/a.jpg 2x\" src=\"https://img.example/a.jpg\">",
            "<img src=\"https://img.example/a.jpg\" srcset=\"data:image/png;base64,AAAA 2x\">",
            "<picture><source srcset=\"javascript:alert(1)\"><img src=\"https://img.example/a.jpg\"></picture>",
            "<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<style>@import 'https://evil.example/x.css';</style>safe",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<div style=\"width: expression(alert(1))\">x</div>",
            "<p>safe</p><!-- unclosed comment <script>alert(1)</script>",
            "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->safe",
            "<!--><img src=x onerror=alert(1)>-->",
            "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">safe",
            "<a href=\"https://ok.example/\" onclick=\"steal()\">ok</a>",
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
            "<video poster=\"javascript:alert(1)\"><source src=\"https://v.example/a.mp4\"></video>",
            "<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">safe",
            "<img src=\"https://t.example/p.gif\" style=\"width:1px;height:1px\">safe",
            "<x onclick=alert(1)>custom</x>",
            "<a href=\"https://ok.example/\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</a>",
            "<details open ontoggle=alert(1)>",
            "<isindex type=image src=1 onerror=alert(1)>",
            "<xmp><img src=x onerror=alert(1)></xmp>",
            "<template><script>alert(1)</script></template>safe",
    })
    void removesWhatCouldRunOrTrack(String hostile) {
        String clean = HtmlSanitizer.sanitize(hostile, BASE);
        List<String> findings = HostileMarkup.findings(clean);
        assertTrue(findings.isEmpty(), () -> clean + " still has " + findings);
        if (clean != null) {
            assertFalse(clean.toLowerCase().contains("alert(1)") && clean.contains("<script"), clean);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"<script>x</script>", "<img src=x onerror=alert(1)>", "<a href=\"ja&#x09;vascript:x\">x</a>",
            "<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">", "<svg onload=x>", "<p style=\"color:red\">x</p>",
            "<img src=\"https://a.example/a.jpg\" srcset=\"data:x 2x\">", "<meta http-equiv=refresh content=0>"})
    void theCheckItselfCatchesRawHostileMarkup(String raw) {
        assertFalse(HostileMarkup.findings(raw).isEmpty(), raw);
    }

    @Test
    void keepsOrdinaryArticleMarkupWithAbsoluteLinks() {
        String clean = HtmlSanitizer.sanitize("<p>Chiều 15/1, <strong>HĐND</strong> họp.</p>"
                + "<a href=\"/tin-lien-quan.html\">Tin liên quan</a><img src=\"anh.jpg\" alt=\"Ảnh\">", BASE);
        assertEquals("<p>Chiều 15/1, <strong>HĐND</strong> họp.</p>"
                + "<a href=\"https://news.example.vn/tin-lien-quan.html\">Tin liên quan</a>"
                + "<img src=\"https://news.example.vn/thoi-su/anh.jpg\" alt=\"Ảnh\">", clean);
    }

    @Test
    void ignoresABaseTheContentBrings() {
        String clean = HtmlSanitizer.sanitize("<base href=\"https://evil.example/\"><a href=\"/x\">x</a>", BASE);
        assertEquals("<a href=\"https://news.example.vn/x\">x</a>", clean);
    }

    @Test
    void dropsScriptTextButKeepsTheRest() {
        assertEquals("safe description", HtmlSanitizer.sanitize("<script>alert(1)</script>safe description", BASE));
        assertEquals("<a href=\"https://ok.example/\">ok</a>",
                HtmlSanitizer.sanitize("<a href=\"https://ok.example/\" onclick=\"steal()\">ok</a>", BASE));
    }

    @Test
    void answersNullWhenNothingVisibleIsLeft() {
        assertNull(HtmlSanitizer.sanitize("<script>alert(1)</script>", BASE));
        assertNull(HtmlSanitizer.sanitize("<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">", BASE));
    }

    @Test
    void composesDecomposedVietnamese() {
        String decomposed = java.text.Normalizer.normalize("<p>Đời sống</p>", java.text.Normalizer.Form.NFD);
        assertEquals("<p>Đời sống</p>", HtmlSanitizer.sanitize(decomposed, BASE));
    }
}
