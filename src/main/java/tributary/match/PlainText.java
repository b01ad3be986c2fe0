package tributary.match;

/** The text of sanitized HTML, without markup, entities decoded: what rules and queries match in a summary. */
public final class PlainText {

    private PlainText() {
    }

    public static String ofHtml(String html) {
        throw new UnsupportedOperationException("match: being written");
    }
}
