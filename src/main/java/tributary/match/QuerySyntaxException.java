package tributary.match;

/** A rule or query that cannot be parsed; the message is a sentence a person can act on, naming where it went wrong. */
public final class QuerySyntaxException extends Exception {

    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The offset in the text (0-based, in chars) where the problem is. */
    public int position() {
        return position;
    }
}
