package tributary.fetch;

/**
 * The rule for a stored validator (ETag, Last-Modified): only a value that can be sent back as a request header is
 * kept or sent, so one odd answer cannot break every later conditional request of a feed.
 */
final class Validators {

    /** The widths of feed.etag and feed.last_modified. */
    static final int MAX_ETAG = 500;
    static final int MAX_LAST_MODIFIED = 100;

    private Validators() {
    }

    static String etag(String value) {
        return sendable(value, MAX_ETAG);
    }

    static String lastModified(String value) {
        return sendable(value, MAX_LAST_MODIFIED);
    }

    /** The value when it is a valid header value (visible ASCII, space, tab) of at most max chars; else null. */
    static String sendable(String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return null;
            }
        }
        return value;
    }
}
