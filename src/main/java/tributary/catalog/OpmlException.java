package tributary.catalog;

/** An OPML document that cannot be read at all; the message names the line and the reason. */
public class OpmlException extends Exception {

    public OpmlException(String message, Throwable cause) {
        super(message, cause);
    }

    public OpmlException(String message) {
        super(message);
    }
}
