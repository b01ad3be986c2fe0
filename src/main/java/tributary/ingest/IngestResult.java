package tributary.ingest;

/** What one ingest stored: seen items read from the document, of which inserted were new and updated had changed. */
public record IngestResult(int seen, int inserted, int updated) {

    /** Whether stored content changed, which is when readers' pages must be rendered again. */
    public boolean changed() {
        return inserted + updated > 0;
    }
}
