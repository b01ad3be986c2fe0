package tributary.fulltext;

/** What one article job came to, with its label in tributary_fulltext_total{outcome}. */
public enum FullTextOutcome {
    /** The page was fetched and its article extracted. */
    EXTRACTED("extracted"),
    /** Another stored copy of the same canonical URL had the article: no fetch. */
    REUSED("reused"),
    /** The fetch or the extraction failed; another attempt is due later. */
    FAILED("failed"),
    /** The last allowed attempt failed: the item keeps the feed's summary. */
    GAVE_UP("gave-up"),
    /** Full text was switched off for the feed since the item was queued: no fetch. */
    CANCELLED("cancelled");

    private final String label;

    FullTextOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
