package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PlainTextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <p>a</p><p>b</p>                                   | a b
            a<br>b<br/>c                                       | a b c
            <ul><li>một</li><li>hai</li></ul>                  | một hai
            <b>Đà</b>Nẵng                                      | ĐàNẵng
            <a href="x>y">Bão</a> số&nbsp;3                    | Bão số 3
            Tom &amp; Jerry &lt;3 &#7843;                       | Tom & Jerry <3 ả
            <div>  nhiều    khoảng   trắng </div>             | nhiều khoảng trắng
            <h1>Tiêu đề</h1>Nội dung                           | Tiêu đề Nội dung
            <table><tr><td>1</td><td>2</td></tr></table>       | 1 2
            a<!-- bình luận -->b                               | ab
            a<script>var x = '<p>';</script>b                  | a b
            3 < 5 and 5 > 3                                    | 3 < 5 and 5 > 3
            """)
    void extractsText(String html, String text) {
        assertEquals(text, PlainText.ofHtml(html));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingGivesEmpty(String html) {
        assertEquals("", PlainText.ofHtml(html));
    }
}
