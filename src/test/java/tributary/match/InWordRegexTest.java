package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which regexes can only be found inside one word: letters, digits and what repeats or anchors them. */
class InWordRegexTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            [0-9]{9} => true
            \\d{3,}tr => true
            ^\\p{L}{12,}$ => true
            \\pL+\\pN => true
            (?i)[a-zđ]{2}\\b => true
            [à-ỹ] => false
            [一-丿]{2} => true
            [一-龥]{2} => false
            (?:ab|cd)+ => true
            (?P<n>\\d+)x => true
            \\Aso\\d\\z => true
            [a-z0-9]{2,}? => true
            Москва\\d => true
            \\d.\\d => false
            \\d \\d => false
            \\B\\d{4} => false
            [^a]{9} => false
            [!-z]{9} => false
            [a-z\\s]{3} => false
            \\w{4} => false
            \\W => false
            \\D\\d => false
            \\p{Lu}{3} => false
            \\P{L} => false
            (?-i)ABC => false
            (?=a) => false
            x{2 => false
            a\\.b => false
            [[:alpha:]] => false
            a\u0301 => false
            """)
    void holds(String regex, boolean inWord) {
        assertEquals(inWord, InWordRegex.holds(regex));
    }
}
