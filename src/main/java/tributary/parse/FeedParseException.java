package tributary.parse;

/** A document that is not a feed we can read; the message says why, for the feed's error column. */
public class FeedParseException extends Exception {

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeedParseException(String message) {
        super(message);
    }
}
