package tributary.admin;

/** A page the preview could not fetch: the address guard refused it, or the server did not answer with it. */
class PageNotFetchedException extends RuntimeException {

    private final String title;

    PageNotFetchedException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    String title() {
        return title;
    }
}
