package tributary.admin;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {id} of /admin/clusters/{id}: an entry id as the outputs show it (urn:tributary:story:<hash>, the JSON
 * Feed id, RSS guid and Atom id) or the bare 64-hex story hash, in any case. Anything else names no cluster.
 */
final class ClusterIds {

    static final String PREFIX = "urn:tributary:story:";

    private ClusterIds() {
    }

    /** The story hash the id names, lower case; empty when it is not one of the two forms. */
    static Optional<String> hash(String id) {
        String text = id == null ? "" : id.strip();
        if (text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            text = text.substring(PREFIX.length());
        }
        if (text.length() != 64) {
            return Optional.empty();
        }
        text = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    static String urn(String hash) {
        return PREFIX + hash;
    }
}
