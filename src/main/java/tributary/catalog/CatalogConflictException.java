package tributary.catalog;

/** An edit that contradicts what exists (a duplicate URL, a category still in use); the message says what to do. */
public class CatalogConflictException extends RuntimeException {

    public CatalogConflictException(String message) {
        super(message);
    }
}
