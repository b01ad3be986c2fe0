package tributary.match;

import java.util.ArrayList;
import java.util.List;

/**
 * An item's searchable text (title, author, its own categories, and the plain text of its summary or content),
 * split into words and folded once so that many rules can read it cheaply. Serialized into item_search.doc.
 *
 * <p>Words are maximal runs of letters and digits (with their combining marks), compared case-insensitively and in
 * any Unicode normal form. Each is kept in two forms: bare (every mark removed, đ as d: "Đà Nẵng" is "da nang") and
 * accented (the tone marks moved behind the letters, so "hòa" and "hoà", "thủy" and "thuỷ" are one form). A query
 * word without diacritics matches the bare form, one with diacritics the accented form; this is decided per
 * syllable, so in {@code "bão lu"} bão must be exactly bão while lu matches lu, lú, lũ, lụ… Only whole words match:
 * lũ does not find lũy.
 */
public final class MatchText {

    /** Body text past this many chars is neither matched nor indexed, so one huge item costs a bounded time. */
    public static final int MAX_BODY_CHARS = 16_000;

    private static final char FIELD_SEPARATOR = '\u001F';
    private static final char CATEGORY_SEPARATOR = '\u001E';

    private final String title;
    private final String author;
    private final List<String> categories;
    private final String body;

    /**
     * The fields folded, at the first match or index read: an item read back only to be stored (the store serializes
     * it) is never folded. A MatchText is read by one thread at a time, so no lock.
     */
    private Folded folded;

    /** Every field split into words and folded. */
    private record Folded(FieldText title, FieldText author, List<FieldText> categories, FieldText body,
                          List<FieldText> all) {
    }

    private MatchText(String title, String author, List<String> categories, String body) {
        this.title = title;
        this.author = author;
        this.categories = categories;
        this.body = body;
    }

    private Folded folded() {
        Folded f = folded;
        if (f == null) {
            FieldText titleText = FieldText.of(title);
            FieldText authorText = FieldText.of(author);
            List<FieldText> cats = new ArrayList<>(categories.size());
            for (String category : categories) {
                cats.add(FieldText.of(category));
            }
            FieldText bodyText = FieldText.of(body);
            List<FieldText> all = new ArrayList<>(cats.size() + 3);
            all.add(titleText);
            all.add(authorText);
            all.addAll(cats);
            all.add(bodyText);
            f = new Folded(titleText, authorText, List.copyOf(cats), bodyText, List.copyOf(all));
            folded = f;
        }
        return f;
    }

    /** Any argument may be null. */
    public static MatchText of(String title, String author, List<String> categories, String bodyText) {
        List<String> cats = new ArrayList<>();
        if (categories != null) {
            for (String category : categories) {
                String clean = clean(category);
                if (!clean.isBlank()) {
                    cats.add(clean);
                }
            }
        }
        String body = clean(bodyText);
        if (body.length() > MAX_BODY_CHARS) {
            int end = MAX_BODY_CHARS;
            if (Character.isHighSurrogate(body.charAt(end - 1))) {
                end--;
            }
            body = body.substring(0, end);
        }
        return new MatchText(clean(title), clean(author), List.copyOf(cats), body);
    }

    /** The form stored in item_search.doc, read back by {@link #deserialize}. */
    public String serialize() {
        StringBuilder out = new StringBuilder(title.length() + author.length() + body.length() + 64);
        out.append(title).append(FIELD_SEPARATOR).append(author).append(FIELD_SEPARATOR);
        for (int i = 0; i < categories.size(); i++) {
            if (i > 0) {
                out.append(CATEGORY_SEPARATOR);
            }
            out.append(categories.get(i));
        }
        return out.append(FIELD_SEPARATOR).append(body).toString();
    }

    public static MatchText deserialize(String stored) {
        if (stored == null || stored.isEmpty()) {
            return of(null, null, null, null);
        }
        String[] parts = stored.split(String.valueOf(FIELD_SEPARATOR), 4);
        String title = parts[0];
        String author = parts.length > 1 ? parts[1] : "";
        List<String> cats = parts.length > 2 && !parts[2].isEmpty()
                ? List.of(parts[2].split(String.valueOf(CATEGORY_SEPARATOR), -1))
                : List.of();
        String body = parts.length > 3 ? parts[3] : "";
        return of(title, author, cats, body);
    }

    String title() {
        return title;
    }

    String author() {
        return author;
    }

    List<String> categories() {
        return categories;
    }

    String body() {
        return body;
    }

    FieldText titleText() {
        return folded().title();
    }

    FieldText authorText() {
        return folded().author();
    }

    List<FieldText> categoryTexts() {
        return folded().categories();
    }

    FieldText bodyText() {
        return folded().body();
    }

    /** Every field, the fields a term without a prefix looks in. */
    List<FieldText> allFields() {
        return folded().all();
    }

    private static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (s.indexOf(FIELD_SEPARATOR) < 0 && s.indexOf(CATEGORY_SEPARATOR) < 0) {
            return s;
        }
        return s.replace(String.valueOf(FIELD_SEPARATOR), "").replace(String.valueOf(CATEGORY_SEPARATOR), "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchText other && serialize().equals(other.serialize());
    }

    @Override
    public int hashCode() {
        return serialize().hashCode();
    }
}
