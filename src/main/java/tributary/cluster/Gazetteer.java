package tributary.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.match.Folding;

/**
 * Place names as Vietnamese news writes them, each mapped to one key (South Carolina and Nam Carolina are one state),
 * with the country a city or state lies in and the country a head of state speaks for: a headline naming another
 * country than its twin is another event ("Việt Nam – Phần Lan" vs "– Bulgaria").
 */
final class Gazetteer {

    /** Written form → key; several forms may share a key. Việt Nam is left out: nearly every item names it. */
    private static final String[][] PLACES = {
        {"mỹ", "hoa kỳ", "washington"}, {"nga", "moskva", "moscow", "kremlin"}, {"trung quốc", "bắc kinh"},
        {"ukraine", "kiev", "kyiv"}, {"pháp", "paris"}, {"anh", "london", "vương quốc anh", "anh quốc"},
        {"đức", "berlin"}, {"nhật bản", "nhật", "tokyo"}, {"hàn quốc", "seoul"}, {"triều tiên", "bình nhưỡng"},
        {"thái lan", "bangkok"}, {"campuchia", "phnom penh"}, {"lào", "vientiane"}, {"malaysia", "kuala lumpur"},
        {"indonesia", "jakarta"}, {"philippines", "manila"}, {"singapore"}, {"myanmar"}, {"ấn độ"}, {"pakistan"},
        {"afghanistan"}, {"iran"}, {"iraq"}, {"israel"}, {"gaza"}, {"palestine"}, {"ai cập"}, {"mexico"},
        {"brazil"}, {"argentina"}, {"canada"}, {"australia", "úc"}, {"new zealand"}, {"phần lan", "helsinki"},
        {"bulgaria", "sofia"}, {"estonia"}, {"ba lan"}, {"hungary"}, {"tây ban nha"}, {"bồ đào nha"}, {"italy", "ý"},
        {"madagascar"}, {"niger"}, {"nepal"}, {"qatar"}, {"đài loan"}, {"ireland"}, {"na uy"}, {"gruzia"},
        {"nam carolina", "south carolina"}, {"california"}, {"texas"}, {"tennessee"}, {"chicago"}, {"new york"},
        {"san francisco"}, {"hà nội"}, {"tp hcm", "tphcm", "thành phố hồ chí minh", "sài gòn"}, {"đà nẵng"},
        {"hải phòng"}, {"cần thơ"}, {"huế"}, {"quảng ngãi"}, {"quảng trị"}, {"nghệ an"}, {"hà tĩnh"},
        {"thanh hóa"}, {"bắc ninh"}, {"thái nguyên"}, {"cao bằng"}, {"lạng sơn"}, {"lào cai"}, {"lâm đồng"},
        {"đồng nai"}, {"gia lai"}, {"đắk lắk"}, {"khánh hòa"}, {"an giang"}, {"hưng yên"}, {"ninh bình"},
        {"quảng ninh"}, {"phú thọ"}, {"tuyên quang"}, {"cà mau"}, {"vĩnh long"}, {"tây ninh"}, {"đồng tháp"},
    };

    /** A place key → the country it lies in, so that a story "ở California" is also a story "ở Mỹ". */
    private static final String[][] WITHIN = {
        {"nam carolina", "mỹ"}, {"california", "mỹ"}, {"texas", "mỹ"}, {"tennessee", "mỹ"}, {"chicago", "mỹ"},
        {"new york", "mỹ"}, {"san francisco", "mỹ"}, {"gaza", "israel"},
    };

    /** Heads of state and government → their country: "ông Trump" speaks for Mỹ in a headline. */
    private static final String[][] LEADERS = {
        {"trump", "mỹ"}, {"biden", "mỹ"}, {"putin", "nga"}, {"medvedev", "nga"}, {"zelensky", "ukraine"},
        {"macron", "pháp"}, {"tập cận bình", "trung quốc"}, {"netanyahu", "israel"}, {"anutin", "thái lan"},
        {"hun manet", "campuchia"}, {"stubb", "phần lan"}, {"rajoelina", "madagascar"},
    };

    /** Storm names → one key: Vietnamese news gives a typhoon its international name or its translation. */
    private static final String[][] STORMS = {
        {"fengshen", "thần gió"}, {"matmo"}, {"bualoi"}, {"kajiki"}, {"wipha"}, {"ragasa"}, {"kalmaegi"},
        {"wutip"}, {"mitag"}, {"tapah"}, {"podul"}, {"nongfa"}, {"krosa"}, {"halong"}, {"kammuri"},
    };

    static final Map<String, String> PLACE_KEYS = keyed(PLACES);
    static final Map<String, String> STORM_KEYS = keyed(STORMS);
    private static final Map<String, String> COUNTRY_OF = pairs(WITHIN);
    private static final Phrases PLACE_PHRASES = new Phrases(PLACE_KEYS);
    private static final Phrases LEADER_PHRASES = new Phrases(pairs(LEADERS));
    static final Phrases STORM_PHRASES = new Phrases(STORM_KEYS);

    private Gazetteer() {
    }

    /** The place keys named in folded text, with the countries they lie in and the countries of leaders named. */
    static Set<String> places(List<String> folded) {
        Set<String> keys = PLACE_PHRASES.find(folded);
        for (String key : Set.copyOf(keys)) {
            String country = COUNTRY_OF.get(key);
            if (country != null) {
                keys.add(country);
            }
        }
        keys.addAll(LEADER_PHRASES.find(folded));
        return keys;
    }

    private static Map<String, String> keyed(String[][] table) {
        Map<String, String> out = new HashMap<>();
        for (String[] forms : table) {
            String key = fold(forms[0]);
            for (String form : forms) {
                out.put(fold(form), key);
            }
        }
        return Map.copyOf(out);
    }

    private static Map<String, String> pairs(String[][] table) {
        Map<String, String> out = new HashMap<>();
        for (String[] pair : table) {
            out.put(fold(pair[0]), fold(pair[1]));
        }
        return Map.copyOf(out);
    }

    static String fold(String phrase) {
        return String.join(" ", Folding.accentedSyllables(phrase));
    }
}
