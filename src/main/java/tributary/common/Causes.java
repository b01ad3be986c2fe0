package tributary.common;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
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
        // Depth first, a next exception (and its causes) before the cause: an explicit stack and one seen-set for
        // both chains, so a long batch of next exceptions costs no call stack and a loop through either ends here.
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        if (e != null) {
            pending.push(e);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (test.test(t)) {
                return t;
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                pending.push(sql.getNextException());
            }
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
