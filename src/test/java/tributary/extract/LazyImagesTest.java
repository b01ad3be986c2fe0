package tributary.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LazyImagesTest {

    private static final String PAGE = "https://tin.example.vn/muc/bai.html";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<img src=/a.jpg>|https://tin.example.vn/a.jpg",
        "<img src=a.jpg>|https://tin.example.vn/muc/a.jpg",
        "<img src=//cdn.example.vn/a.jpg>|https://cdn.example.vn/a.jpg",
        "<img data-src=/real.jpg src=data:image/gif;base64,R0lGOD>|https://tin.example.vn/real.jpg",
        "<img data-original=/real.jpg src=/img/blank.gif>|https://tin.example.vn/real.jpg",
        "<img data-lazy-src=/real.jpg>|https://tin.example.vn/real.jpg",
        "<img srcset='/s.jpg 480w, /l.jpg 1200w, /m.jpg 800w'>|https://tin.example.vn/l.jpg",
        "<img data-srcset='/a.jpg 1x, /b.jpg 2x' src=/placeholder.png>|https://tin.example.vn/b.jpg",
        "<img src=/keep.jpg data-src=/other.jpg>|https://tin.example.vn/keep.jpg",
        "<picture><source data-srcset='/p.webp 1x, /p2.webp 2x'><img class=lazy></picture>|https://tin.example.vn/p2.webp",
    })
    void givesEveryImageItsRealAbsoluteSource(String html, String src) {
        Element body = Jsoup.parseBodyFragment(html).body();

        LazyImages.fix(body, PAGE);

        assertEquals(src, body.selectFirst("img").attr("src"));
    }
}
