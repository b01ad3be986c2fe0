package tributary.publish;

import java.sql.SQLException;
import tributary.common.Causes;

/**
 * A page that is neither cached nor renderable now: the database is away, or every render slot stayed busy for
 * tributary.publish.render-wait. Answered 503 with Retry-After, since trying again later will work.
 */
public class PageUnavailableException extends RuntimeException {

    /** @param message what a reader may be told: no addresses, no driver messages (those stay in the cause) */
    public PageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure as this exception when the database caused it (a SQLException on its cause chain); else itself. */
    static RuntimeException fromDatabase(RuntimeException failure) {
        Throwable first = Causes.first(failure, t -> t instanceof PageUnavailableException || t instanceof SQLException);
        return first instanceof SQLException
                ? new PageUnavailableException("the database does not answer", failure)
                : failure;
    }
}
