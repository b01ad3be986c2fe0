package tributary.parse;

import java.io.Reader;
import java.time.Duration;

/**
 * The time one document may take (tributary.parse.time-budget), checked cooperatively by every scanner and reader of
 * the parse; elapsed time is the JVM's monotonic clock, since this measures work, not the wall time polls are due at.
 */
final class ParseBudget {

    private final ParseConfig config;
    private final long deadline;

    private ParseBudget(ParseConfig config, long deadline) {
        this.config = config;
        this.deadline = deadline;
    }

    static ParseBudget start(ParseConfig config) {
        return new ParseBudget(config, System.nanoTime() + config.timeBudget().toNanos());
    }

    ParseConfig config() {
        return config;
    }

    /** Throws once the budget is spent; cheap enough to call every few thousand characters or events. */
    void check() {
        if (System.nanoTime() - deadline > 0) {
            throw new ParseLimitException("the document took longer than " + describe(config.timeBudget())
                    + " to parse and was abandoned (tributary.parse.time-budget)");
        }
    }

    /** check() at a parser's edge, where the document's failure is a FeedParseException. */
    void checkDocument() throws FeedParseException {
        try {
            check();
        } catch (ParseLimitException e) {
            throw new FeedParseException(e.getMessage(), e);
        }
    }

    /** A reader over text that checks the budget every few thousand characters, for libraries that read their input. */
    Reader reader(String text) {
        return new Reader() {
            private int at;
            private int checkedAt;

            @Override
            public int read() {
                if ((at & 0x3fff) == 0) {
                    check();
                }
                return at < text.length() ? text.charAt(at++) : -1;
            }

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at - checkedAt >= 0x4000 || at == 0) {
                    check();
                    checkedAt = at;
                }
                if (at >= text.length()) {
                    return -1;
                }
                int n = Math.min(length, text.length() - at);
                text.getChars(at, at + n, buffer, offset);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
