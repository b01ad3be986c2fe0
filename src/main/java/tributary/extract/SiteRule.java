package tributary.extract;

import java.util.List;

/** A built-in rule for one site: its hosts, the article's selectors (tried in order), chrome to drop, and where they came from. */
record SiteRule(String name, List<String> hosts, List<String> selectors, List<String> remove, String source) {

    /** True for the rule's hosts and their subdomains, with {@code www.} ignored. */
    boolean covers(String host) {
        String h = SiteRules.bare(host);
        for (String own : hosts) {
            if (h.equals(own) || h.endsWith("." + own)) {
                return true;
            }
        }
        return false;
    }
}
