package tributary.ingest;

import tributary.parse.FeedLinks;

/**
 * What one ingest stored: seen items read from the document, of which inserted were new and updated had changed;
 * links are the WebSub hub and self links the document declared; leftOut of the seen items the feed's keep/block
 * rules left out.
 */
public record IngestResult(int seen, int inserted, int updated, FeedLinks links, int leftOut) {

    /** A result of a document that declared no WebSub links and whose items no rule left out. */
    public IngestResult(int seen, int inserted, int updated) {
        this(seen, inserted, updated, FeedLinks.NONE, 0);
    }

    /** Whether stored content changed, which is when readers' pages must be rendered again. */
    public boolean changed() {
        return inserted + updated > 0;
    }
}
