package tributary.publish;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads ?clusters=: "on" (the default) shows a story cluster as one entry, "off" every copy as its own, in any case
 * ("OFF"; the page and its links are the same as for "off"). An empty value, any other, or the parameter given twice
 * with different values is refused rather than guessed, like a bad ?q=, so a typo does not silently get clusters.
 */
public final class ClustersParam {

    public static final String PROBLEM = "clusters must be 'on' (the default: a story reported by several publishers"
            + " is one entry) or 'off' (every copy its own entry), given once.";

    private ClustersParam() {
    }

    /** Whether the values ask for clusters off; empty when they are not one of on and off. */
    public static Optional<Boolean> off(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.of(false);
        }
        String first = values.get(0).strip().toLowerCase(Locale.ROOT);
        for (String value : values) {
            if (!value.strip().toLowerCase(Locale.ROOT).equals(first)) {
                return Optional.empty();
            }
        }
        return switch (first) {
            case "on" -> Optional.of(false);
            case "off" -> Optional.of(true);
            default -> Optional.empty();
        };
    }
}
