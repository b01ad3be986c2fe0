package tributary.poll;

/** What one poll of one feed did; message carries the error for a failed poll. */
public record PollOutcome(long feedId, String url, Result result, int inserted, int updated, String message) {

    /** The kinds of poll result. */
    public enum Result { UPDATED, NOT_MODIFIED, FAILED, GONE, RATE_LIMITED, SKIPPED }
}
