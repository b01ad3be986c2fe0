package tributary.store;

import java.sql.SQLException;
import tributary.common.Causes;

/** Recognises MariaDB's duplicate-key error (ER_DUP_ENTRY, 1062) however deep a library wrapped it. */
public final class DuplicateKey {

    /** MariaDB's error code for a duplicate key. */
    static final int ER_DUP_ENTRY = 1062;

    private DuplicateKey() {
    }

    /** Whether the failure was a write that met an existing unique key. */
    public static boolean in(Throwable e) {
        return Causes.any(e, t -> t instanceof SQLException sql && sql.getErrorCode() == ER_DUP_ENTRY);
    }
}
