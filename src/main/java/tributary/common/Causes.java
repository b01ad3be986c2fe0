package tributary.common;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one walk along an exception's cause chain (and SQLException's next-exception chain), safe against a cause
 * that is itself or a longer cycle: libraries wrap what actually failed (a refused connection, a duplicate key, a
 * parse limit) several levels deep.
 */
public final class Causes {

    private Causes() {
    }

    /** The first throwable on the chain, the given one included, that is of the type; null when none is. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable found = first(e, type::isInstance);
        return found == null ? null : type.cast(found);
    }

    /** Whether any throwable on the chain, the given one included, matches. */
    public static boolean any(Throwable e, Predicate<Throwable> test) {
        return first(e, test) != null;
    }

    /** The first throwable on the chain, the given one included, that matches; null when none does. */
    public static Throwable first(Throwable e, Predicate<Throwable> test) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = e;
        while (t != null && seen.put(t, Boolean.TRUE) == null) {
            if (test.test(t)) {
                return t;
            }
            if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
                Throwable next = first(sql.getNextException(), test);
                if (next != null) {
                    return next;
                }
            }
            t = t.getCause();
        }
        return null;
    }

    /** The innermost cause: the one that names what actually failed (refused, timed out, no such host). */
    public static Throwable root(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable root = e;
        seen.put(root, Boolean.TRUE);
        while (root.getCause() != null && seen.put(root.getCause(), Boolean.TRUE) == null) {
            root = root.getCause();
        }
        return root;
    }

    /** The root cause's message, or its class name when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable root = root(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
