package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.select.Selector;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The built-in site rules, read once from {@code tributary/site-rules.yml} on the classpath; a broken file stops start-up. */
final class SiteRules {

    static final String RESOURCE = "tributary/site-rules.yml";

    private final List<SiteRule> rules;

    SiteRules(List<SiteRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The shipped rules. */
    static SiteRules load() {
        try (InputStream in = SiteRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " could not be read", e);
        }
    }

    @SuppressWarnings("unchecked")
    static SiteRules parse(InputStream in) {
        Map<String, Object> root = new Yaml(new LoaderOptions()).load(in);
        List<SiteRule> rules = new ArrayList<>();
        for (Map<String, Object> site : (List<Map<String, Object>>) root.get("sites")) {
            String name = String.valueOf(site.get("name"));
            SiteRule rule = new SiteRule(name, strings(site, "hosts", name).stream().map(SiteRules::bare).toList(),
                    strings(site, "selectors", name), strings(site, "remove", name), String.valueOf(site.get("source")));
            if (rule.hosts().isEmpty() || rule.selectors().isEmpty() || site.get("source") == null) {
                throw new IllegalStateException(RESOURCE + ": site " + name + " needs hosts, selectors and source");
            }
            // A selector jsoup cannot read would fail on every page of the site; fail at start instead.
            rule.selectors().forEach(Selector::evaluatorOf);
            rule.remove().forEach(Selector::evaluatorOf);
            rules.add(rule);
        }
        return new SiteRules(rules);
    }

    private static List<String> strings(Map<String, Object> site, String key, String name) {
        Object value = site.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(RESOURCE + ": site " + name + ": " + key + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** The rule for the page's host, or null. */
    @Nullable
    SiteRule forPage(URI page) {
        String host = page == null ? null : page.getHost();
        if (host == null) {
            return null;
        }
        for (SiteRule rule : rules) {
            if (rule.covers(host)) {
                return rule;
            }
        }
        return null;
    }

    List<SiteRule> all() {
        return rules;
    }

    static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("www.") ? h.substring(4) : h;
    }
}
