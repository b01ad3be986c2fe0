package tributary.poll;

import java.net.URI;

/**
 * Counts successive polls that met the same permanent redirect (301/308), so a feed's URL is rewritten only after
 * the third, and one mistaken redirect cannot hijack the feed. A poll without one, or with another target, restarts.
 */
final class RedirectTracker {

    static final int CONFIRMATIONS = 3;

    /** What to store: the target and count to remember, and the URL to switch to (null while not confirmed). */
    record Decision(String redirectUrl, int redirectCount, String rewriteTo) {
    }

    private RedirectTracker() {
    }

    static Decision next(String storedTarget, int storedCount, URI observed) {
        if (observed == null) {
            return new Decision(null, 0, null);
        }
        String target = observed.toString();
        int count = target.equals(storedTarget) ? storedCount + 1 : 1;
        if (count >= CONFIRMATIONS) {
            return new Decision(null, 0, target);
        }
        return new Decision(target, count, null);
    }
}
