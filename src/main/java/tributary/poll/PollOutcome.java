package tributary.poll;

/** What one poll of one feed did; message carries the error for a failed poll. */
public record PollOutcome(long feedId, String url, Result result, int inserted, int updated, String message) {

    /** The kinds of poll result, each with its label in tributary_polls_total{outcome}. */
    public enum Result {
        UPDATED("ok"), NOT_MODIFIED("not-modified"), FAILED("error"), GONE("gone"), RATE_LIMITED("rate-limited"),
        SKIPPED("skipped");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
