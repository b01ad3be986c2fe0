package tributary.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleJudgeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "Hà Nội quyết tâm triển khai|6",
        "Chiều 15/1, hội nghị giao ban|7",
        "“Kỷ cương, trách nhiệm” – HẢI NAM|6",
        "— … –|0",
    })
    void countsVietnameseSyllablesAsWordsComposedOrNot(String text, int words) {
        assertEquals(words, ArticleJudge.words(text));
        assertEquals(words, ArticleJudge.words(Normalizer.normalize(text, Normalizer.Form.NFD)));
    }
}
