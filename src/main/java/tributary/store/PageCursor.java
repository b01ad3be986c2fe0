package tributary.store;

import java.time.Instant;
import java.util.Optional;

/** A position in the newest-first item order: items strictly older than (published, id) come after it. */
public record PageCursor(Instant published, long id) {

    /** The cursor as it appears in ?before= URLs: epoch milliseconds and item id. */
    public String token() {
        return published.toEpochMilli() + "-" + id;
    }

    /** Reads a ?before= token; empty when it is not one we wrote. */
    public static Optional<PageCursor> parse(String token) {
        String[] parts = token.strip().split("-");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(parts[0]);
            long id = Long.parseLong(parts[1]);
            return millis < 0 || id < 0 ? Optional.empty() : Optional.of(new PageCursor(Instant.ofEpochMilli(millis), id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
