package tributary.store;

/** Fits text into a VARCHAR column without splitting a character, since strict mode refuses an overlong value. */
public final class Columns {

    private Columns() {
    }

    public static String fit(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
