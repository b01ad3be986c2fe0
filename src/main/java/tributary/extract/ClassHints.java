package tributary.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What an element's class and id say about it: article-like names (article, content, detail, noi-dung…) weigh for,
 * chrome names (comment, related, share, menu, "tin-lien-quan", "box-tin"…) against; and chrome labels such as
 * "Tin liên quan" that head a box of links on Vietnamese news pages.
 */
final class ClassHints {

    /** Weight of a clear hint either way, as readability weighs class names. */
    static final int WEIGHT = 25;

    private static final Pattern POSITIVE = Pattern.compile(
            "article|body|content|entry|post|story|text|detail|fck|noi-?dung|chi-?tiet|bai-?viet|singular|maincontent",
            Pattern.CASE_INSENSITIVE);
    // Vietnamese sites name their chrome in Vietnamese without diacritics: lien-quan (related), cung-chuyen-muc
    // (same section), box-tin (news box), binh-luan (comments), chia-se (share), quang-cao (ads), xem-nhieu (most read).
    private static final Pattern NEGATIVE = Pattern.compile(
            "comment|binh-?luan|related|lien-?quan|cung-?chuyen-?muc|box-?tin|tin-?khac|xem-?nhieu|doc-?nhieu|"
                    + "doc-?them|xem-?them|share|sharing|social|chia-?se|footer|menu|navbar|nav-|breadcrumb|"
                    + "banner|advert|quang-?cao|sponsor|promo|sidebar|widget|popup|modal|subscribe|newsletter|"
                    + "recommend|most-?read|trending|rating|vote|tags?-|keyword|print|login|copyright|author-?box|"
                    + "(^|[\\s_-])(ads?|qc|nav|tags?|hot|top-?news|box-?category)([\\s_-]|$)",
            Pattern.CASE_INSENSITIVE);
    /** Names no article body carries, whatever else the name says ("detail__related", "article-comments"). */
    private static final Pattern ALWAYS_CHROME = Pattern.compile(
            "related|lien-?quan|cung-?chuyen-?muc|comment|binh-?luan|share|sharing|chia-?se|quang-?cao|advert|sponsor",
            Pattern.CASE_INSENSITIVE);
    /** Labels that head chrome, not article text; matched against a whole short element text. */
    private static final Set<String> CHROME_LABELS = Set.of("tin liên quan", "tin cùng chuyên mục", "bài liên quan",
            "có thể bạn quan tâm", "đọc thêm", "xem thêm", "tin khác", "tin mới", "đọc nhiều", "xem nhiều",
            "chia sẻ", "bình luận", "ý kiến", "quảng cáo", "advertisement", "theo dõi", "tin nổi bật", "tags",
            "từ khóa", "từ khoá", "chủ đề", "gửi bình luận", "related", "share", "comments");

    private ClassHints() {
    }

    /** +WEIGHT for article-like names, −WEIGHT for chrome names, both or neither cancel out. */
    static int weight(Element element) {
        String names = names(element);
        if (names.isEmpty()) {
            return 0;
        }
        int weight = 0;
        if (POSITIVE.matcher(names).find()) {
            weight += WEIGHT;
        }
        if (NEGATIVE.matcher(names).find()) {
            weight -= WEIGHT;
        }
        return weight;
    }

    /** Named as chrome and not also as content, or named as a kind of chrome that never holds the article. */
    static boolean chrome(Element element) {
        String names = names(element);
        return !names.isEmpty() && NEGATIVE.matcher(names).find()
                && (!POSITIVE.matcher(names).find() || ALWAYS_CHROME.matcher(names).find());
    }

    /** The element's whole text is a chrome label ("Tin liên quan", "Chia sẻ"), allowing a trailing colon. */
    static boolean chromeLabel(String text) {
        if (text.length() > 40) {
            return false;
        }
        int end = text.length();
        while (end > 0 && (":：»›".indexOf(text.charAt(end - 1)) >= 0 || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return CHROME_LABELS.contains(text.substring(0, end).strip().toLowerCase(Locale.ROOT));
    }

    private static String names(Element element) {
        String id = element.id();
        String cls = element.className();
        return id.isEmpty() ? cls : cls.isEmpty() ? id : cls + " " + id;
    }
}
