package tributary.parse;

/**
 * A document past one of the ParseConfig limits; unchecked so that scanners and SAX callbacks deep inside a parse can
 * stop it, and turned into that document's FeedParseException at the parser's edge.
 */
final class ParseLimitException extends RuntimeException {

    ParseLimitException(String message) {
        super(message, null, false, false);
    }
}
