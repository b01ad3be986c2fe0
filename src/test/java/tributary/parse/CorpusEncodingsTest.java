package tributary.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encodings cases of ../shared/corpus decode to the text their sources say they hold (HTTP charset from "Header:" lines). */
class CorpusEncodingsTest {

    private static final Path ENCODINGS = Path.of("../shared/corpus/encodings");
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?im)^\\s*Header:\\s*Content-type\\s*:\\s*(.*?)\\s*$");

    private final RomeFeedParser parser = new RomeFeedParser(new XmlDocumentReader(ParseConfig.defaults()));

    @ParameterizedTest(name = "[{index}] {0} has ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            feedparser/euc-kr.xml                               | 년
            feedparser/http_i18n.xml                            | Iñtërnâtiônàlizætiøn
            feedparser/demoronize-1.xml                         | don’t
            feedparser/bozo_invalid-bytes-with-bom.xml          | Valid UTF8: Ѩ
            miniflux/encoding_WINDOWS-1251.xml                  | Цитата
            miniflux/koi8r.xml                                  | Пример RSS ленты
            miniflux/iso-8859-1.xml                             | Café
            miniflux/encoding_ISO-8859-1.xml                    | wünschen
            miniflux/windows-1252.xml                           | Euro €
            miniflux/windows-1252-incorrect-prolog.xml          | Euro €
            miniflux/utf8-incorrect-prolog.xml                  | 테스트 피드
            miniflux/invalid-prolog.xml                         | 테스트 피드
            miniflux/urdu_UTF8.xml                              | اردو
            rsparser/kc0011.rss                                 | 投资资讯网
            feedvalidator/xml_correct_encoding_declaration.xml  | £“test.”
            feedvalidator/xml_declares_wrong_encoding.xml       | £
            """)
    void decodesTheTextTheCaseHolds(String file, String expected) throws Exception {
        Path path = ENCODINGS.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "Skipped: the shared corpus is not at " + ENCODINGS.toAbsolutePath());
        byte[] body = Files.readAllBytes(path);
        Matcher m = CONTENT_TYPE.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1));
        ParsedFeed feed = parser.parse(body, m.find() ? m.group(1) : null);
        StringBuilder text = new StringBuilder(String.valueOf(feed.title()));
        for (ParsedItem item : feed.items()) {
            text.append('\n').append(item.title()).append('\n').append(item.summary()).append('\n').append(item.content());
        }
        assertTrue(text.toString().contains(expected), () -> file + " decoded as: " + text.substring(0, Math.min(300, text.length())));
    }
}
