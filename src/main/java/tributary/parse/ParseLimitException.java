package tributary.parse;

/**
 * A document past one of the ParseConfig limits; unchecked so that scanners and SAX callbacks deep inside a parse can
 * stop it, and turned into that document's FeedParseException at the parser's edge.
 */
final class ParseLimitException extends RuntimeException {

    ParseLimitException(String message) {
        super(message, null, false, false);
    }

    /** The limit that stopped a parse, wherever a library wrapped it; null when none did. */
    static ParseLimitException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ParseLimitException limit) {
                return limit;
            }
        }
        return null;
    }
}
