package tributary.common;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The publisher of a link, as its registrable domain: suckhoe.vnexpress.net and vnexpress.net are one publisher. */
public final class PublisherDomain {

    /** Second-level labels under which a domain has three labels (thanhnien.com.vn, bbc.co.uk). */
    private static final Set<String> SECOND_LEVEL = Set.of("com", "net", "org", "gov", "edu", "co", "ac");

    private PublisherDomain() {
    }

    /** Lower case; null for a link without a host. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url.trim()).getHost();
            if (host == null) {
                return null;
            }
            String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
            int keep = labels.length >= 3 && SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
            return String.join(".", List.of(labels).subList(Math.max(0, labels.length - keep), labels.length));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
