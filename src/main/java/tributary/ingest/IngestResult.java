package tributary.ingest;

import tributary.parse.FeedLinks;

/**
 * What one ingest stored: seen items read from the document, of which inserted were new and updated had changed;
 * links are the WebSub hub and self links the document declared.
 */
public record IngestResult(int seen, int inserted, int updated, FeedLinks links) {

    /** A result of a document that declared no WebSub links. */
    public IngestResult(int seen, int inserted, int updated) {
        this(seen, inserted, updated, FeedLinks.NONE);
    }

    /** Whether stored content changed, which is when readers' pages must be rendered again. */
    public boolean changed() {
        return inserted + updated > 0;
    }
}
