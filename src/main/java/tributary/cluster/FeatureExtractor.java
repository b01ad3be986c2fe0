package tributary.cluster;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tributary.match.Folding;

/** Reads a {@link ClusterItem} into {@link StoryFeatures}: general rules on capitals, digits and word lists only. */
final class FeatureExtractor {

    /** Function syllables: shared by unrelated stories, they would make any two items look alike. */
    private static final Set<String> STOPWORDS = folded(
            "và của có là được cho với các những một này đã đang sẽ trong tại ở khi sau trước từ đến người không về "
            + "theo vào ra lên nhiều hơn để do bị vì nên thì mà cũng còn như năm ngày tháng giờ hôm nay qua lại đó "
            + "nhất rất ông bà anh chị họ việc cùng đi làm mới thể nhưng bởi hay hoặc tới cả chỉ vẫn sự trên dưới "
            + "giữa gần lúc nơi ai gì sao thế nào đây kia chưa tin tức vừa cách hai ba bốn năm sáu bảy tám chín mười "
            + "trăm nghìn triệu tỷ tỉ đồng usd km m");

    /** Words that stand before a name without being part of it ("Ông Trump", "HLV Kim Sang-sik"). */
    private static final Set<String> HONORIFICS = folded(
            "ông bà anh chị cô hlv tổng thủ chủ bộ phó cựu tân ngài đại tướng cơ tiền trung thượng thiếu");

    /** Words capitalized by convention, not because they name someone: "Đảng", "Đại hội … lần Thứ I". */
    private static final Set<String> CONVENTIONAL = folded(
            "đảng bộ thứ i ii iii iv nhà nước chính phủ quốc hội thành ủy trung ương tổng bí thư đại nhân dân");

    private static final String[][] STAGE_TABLE = {
        {"ANSWER", "lên tiếng", "bác bỏ", "phản bác", "đáp trả", "phản hồi"},
        {"CLAIM", "cáo buộc", "tố"},
        {"AHEAD", "sắp", "sẽ", "chuẩn bị", "dự kiến", "lịch thi đấu", "lịch trực tiếp", "trực tiếp", "kênh",
            "trước trận"},
        {"DONE", "thắng", "thua", "hòa", "đánh bại", "vô địch", "đăng quang", "quán quân", "kết thúc",
            "chung cuộc", "lên ngôi"},
    };

    /** The stage words folded once, in the order they are tried. */
    private static final List<Map.Entry<Stage, List<String>>> STAGE_WORDS = stageWords();

    private static final Pattern DAY_MONTH = Pattern.compile("(?<![\\d.,/-])(\\d{1,2})[-./](\\d{1,2})(?:[-./](\\d{4}))?(?![\\d,])");
    private static final Pattern SCORE = Pattern.compile("(?<![\\d.,/-])(\\d{1,2})-(\\d{1,2})(?![\\d.,/-])");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:\\.\\d{3})+");
    private static final Pattern STORM_NUMBER = Pattern.compile("(?i)bão số (\\d{1,2})");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern SEGMENT = Pattern.compile("[.!?:;|\"“”‘’'()\\[\\]–—]+\\s*|\\s-\\s");

    private FeatureExtractor() {
    }

    /**
     * Characters of the summary read: a news summary states its event in its first sentences, and a feed that puts
     * the whole article there made reading it cost as much as the rest of the ingest (the labelled set's longest
     * summary has 303 characters).
     */
    static final int LEAD = 400;

    static StoryFeatures read(ClusterItem item) {
        String title = Folding.tokens(item.title()).isEmpty() ? "" : item.title();
        String all = title + " . " + lead(item.summary());
        List<String> titleFolded = Folding.accentedSyllables(title);
        List<String> allFolded = Folding.accentedSyllables(all);
        int month = item.published().atOffset(ZoneOffset.ofHours(7)).getMonthValue();
        Numbers titleNums = numbers(title, month);
        Numbers allNums = numbers(all, month);
        Set<String> content = new HashSet<>();
        for (String s : allFolded) {
            if (s.length() > 1 && !STOPWORDS.contains(s) && !allDigits(s)) {
                content.add(s);
            }
        }
        return new StoryFeatures(String.join(" ", allFolded), content, names(title),
                Gazetteer.places(titleFolded), Gazetteer.places(allFolded), titleNums.plain, allNums.plain,
                allNums.dates, allNums.storms, Gazetteer.STORM_PHRASES.find(allFolded), stage(titleFolded),
                digest(title, titleFolded));
    }

    /** The first LEAD characters of a summary, cut where a word ends. */
    static String lead(String summary) {
        if (summary.length() <= LEAD) {
            return summary;
        }
        int cut = summary.lastIndexOf(' ', LEAD);
        return summary.substring(0, cut > 0 ? cut : LEAD);
    }

    /** Words that open a round-up; a round-up lists several stories and speaks for none of them. */
    private static final List<String> DIGESTS = Stream.of("điểm tin", "tin tức sáng", "tin tức trưa", "tin tức tối",
            "tin tức thế giới", "xem nhanh", "bản tin", "tin tức đặc biệt", "thời sự sáng", "thời sự tối")
            .map(Gazetteer::fold).toList();

    static boolean digest(String title, List<String> titleFolded) {
        if (title.contains(" | ")) {
            return true;
        }
        String text = String.join(" ", titleFolded);
        for (String d : DIGESTS) {
            if (text.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    /** Capitalized runs of the headline; a segment's first word is capitalized anyway, so it counts only if odd. */
    static Set<String> names(String title) {
        Set<String> out = new HashSet<>();
        for (String segment : SEGMENT.split(title)) {
            List<String> tokens = Folding.tokens(segment);
            List<String> run = new ArrayList<>();
            for (int i = 0; i <= tokens.size(); i++) {
                String token = i < tokens.size() ? tokens.get(i) : null;
                if (token != null && capitalized(token) && (i > 0 || foreignLooking(token))) {
                    run.add(token);
                    continue;
                }
                addRun(run, out);
                run.clear();
            }
        }
        return out;
    }

    private static void addRun(List<String> run, Set<String> out) {
        int start = 0;
        while (start < run.size() && HONORIFICS.contains(Folding.accented(run.get(start)))) {
            start++;
        }
        if (start < run.size()) {
            List<String> folded = new ArrayList<>();
            for (String token : run.subList(start, run.size())) {
                folded.add(Folding.accented(token));
            }
            String name = String.join(" ", folded);
            if (CONVENTIONAL.containsAll(folded)) {
                return;
            }
            // Places and storms have their own rules: as names they would veto "Thần Gió" against "Fengshen".
            if (!name.equals("vn") && !name.equals("việt nam") && !Gazetteer.PLACE_KEYS.containsKey(name)
                    && !Gazetteer.STORM_KEYS.containsKey(name) && !Gazetteer.STORM_KEYS.containsKey(stripStorm(name))) {
                out.add(name);
            }
        }
    }

    private static String stripStorm(String name) {
        return name.startsWith("bão ") ? name.substring(4) : name;
    }

    private static boolean capitalized(String token) {
        return Character.isUpperCase(token.codePointAt(0));
    }

    /** A first word that is an acronym or not a Vietnamese syllable (Hamas, BUV) is a name, not a capital. */
    private static boolean foreignLooking(String token) {
        if (token.length() >= 2 && token.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
            return true;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if ("fjwz".indexOf(lower.charAt(i)) >= 0) {
                return true;
            }
        }
        int n = lower.length();
        return n >= 2 && FINAL_CLUSTER.indexOf(lower.charAt(n - 1)) >= 0 && FINAL_CLUSTER.indexOf(lower.charAt(n - 2)) >= 0
                && !lower.endsWith("ng") && !lower.endsWith("nh") && !lower.endsWith("ch");
    }

    /** Consonants that end no Vietnamese syllable two in a row, but for ng, nh and ch. */
    private static final String FINAL_CLUSTER = "bcdghklmnpqrstvx";

    private record Numbers(Set<String> plain, Set<String> dates, Set<String> storms) {
    }

    /**
     * Dates are day-month pairs whose month is the item's own or a neighbour (so "13-7" in a billiards score is not a
     * date); scores are kept as one token, low-high, as "1-5" and "5-1" report one match; years say too little.
     */
    private static Numbers numbers(String text, int month) {
        Set<String> plain = new HashSet<>();
        Set<String> dates = new HashSet<>();
        Set<String> storms = new HashSet<>();
        if (!hasDigit(text)) {
            return new Numbers(plain, dates, storms);
        }
        StringBuilder rest = new StringBuilder(text);
        Matcher storm = STORM_NUMBER.matcher(text);
        while (storm.find()) {
            storms.add(storm.group(1));
            blank(rest, storm.start(), storm.end());
        }
        Matcher date = atDigits(DAY_MONTH, rest);
        for (int at = 0; findAtDigit(date, rest, at); at = date.end()) {
            int d = Integer.parseInt(date.group(1));
            int m = Integer.parseInt(date.group(2));
            boolean near = Math.abs(m - month) <= 1 || Math.abs(m - month) == 11;
            if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && near) {
                dates.add(d + "/" + m);
                blank(rest, date.start(), date.end());
            }
        }
        Matcher score = atDigits(SCORE, rest);
        for (int at = 0; findAtDigit(score, rest, at); at = score.end()) {
            int a = Integer.parseInt(score.group(1));
            int b = Integer.parseInt(score.group(2));
            plain.add(Math.min(a, b) + "-" + Math.max(a, b));
            blank(rest, score.start(), score.end());
        }
        Matcher number = NUMBER.matcher(rest);
        while (number.find()) {
            String n = number.group();
            n = THOUSANDS.matcher(n).matches() ? n.replace(".", "") : n.replace(',', '.');
            boolean year = YEAR.matcher(n).matches();
            if (!year) {
                plain.add(n);
            }
        }
        return new Numbers(plain, dates, storms);
    }

    /** A matcher for findAtDigit: its look-behind sees the text before the region it is given. */
    private static Matcher atDigits(Pattern pattern, CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * The next match at or after from, as find() gives it, of a pattern whose match starts with a digit (look-behinds
     * aside): tried only where a digit stands, where find() tries every position of the lead, which was most of the
     * time spent reading numbers.
     */
    private static boolean findAtDigit(Matcher m, CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                m.region(i, text.length());
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether every character of s is a digit (a loop: a stream per syllable cost a tenth of reading an item). */
    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Most headlines have no digit: the patterns below are then not worth running. */
    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void blank(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }

    /** The stage the headline's words speak of; an answer or a claim outranks a result, a preview a result. */
    static Stage stage(List<String> titleFolded) {
        String text = String.join(" ", titleFolded);
        for (Map.Entry<Stage, List<String>> row : STAGE_WORDS) {
            for (String words : row.getValue()) {
                if (Phrases.occurs(words, text)) {
                    return row.getKey();
                }
            }
        }
        return Stage.NONE;
    }

    private static List<Map.Entry<Stage, List<String>>> stageWords() {
        List<Map.Entry<Stage, List<String>>> out = new ArrayList<>();
        for (String[] row : STAGE_TABLE) {
            List<String> words = new ArrayList<>();
            for (int i = 1; i < row.length; i++) {
                words.add(Gazetteer.fold(row[i]));
            }
            out.add(Map.entry(Stage.valueOf(row[0]), List.copyOf(words)));
        }
        return List.copyOf(out);
    }

    private static Set<String> folded(String words) {
        Set<String> out = new HashSet<>();
        for (String w : words.split(" ")) {
            out.add(Folding.accented(w));
        }
        return Set.copyOf(out);
    }
}
