package tributary.hub;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tributary.publish.FeedFormat;
import tributary.publish.PublicUrlConfig;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.TopicRepository;

/**
 * Reads a hub.topic as one of our own feeds: {base}/feeds/{slug}.{rss,atom,json} for a category or topic that exists, or all,
 * where base is tributary.public-base-url or the host this request came to (the two spellings a reader may have
 * found the feed under). Paths are compared, so scheme and host case or a default port do not matter.
 */
@Singleton
class TopicResolver {

    private static final String FEEDS = "/feeds/";

    private final PublicUrlConfig publicUrl;
    private final HttpHostResolver hosts;
    private final CategoryRepository categories;
    private final TopicRepository topics;

    TopicResolver(PublicUrlConfig publicUrl, HttpHostResolver hosts, CategoryRepository categories,
                  TopicRepository topics) {
        this.publicUrl = publicUrl;
        this.hosts = hosts;
        this.categories = categories;
        this.topics = topics;
    }

    Topic resolve(String topic, HttpRequest<?> request) throws HubRefusedException {
        URI url = parse(topic);
        Set<String> bases = new LinkedHashSet<>();
        if (publicUrl.publicBaseUrl() != null && !publicUrl.publicBaseUrl().isBlank()) {
            bases.add(trim(publicUrl.publicBaseUrl().strip()));
        }
        bases.add(trim(hosts.resolve(request)));
        for (String base : bases) {
            Optional<String> file = fileUnder(url, parse(base));
            if (file.isPresent()) {
                return topicOf(topic, file.get(), base);
            }
        }
        throw new HubRefusedException(404, "hub.topic '" + topic + "' is not a feed of this hub: topics are "
                + String.join(" or ", bases) + "/feeds/{category}.rss, .atom or .json (GET /feeds lists them)");
    }

    private Topic topicOf(String topic, String file, String base) throws HubRefusedException {
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        String slug = dot < 0 ? file : file.substring(0, dot);
        if (format.isEmpty() || slug.isEmpty() || slug.contains("/")) {
            throw new HubRefusedException(404, "hub.topic '" + topic + "' names no feed: feeds end in .rss, .atom"
                    + " or .json, directly under /feeds/");
        }
        if (!slug.equals(CategoryRow.ALL) && categories.findBySlug(slug).isEmpty()
                && topics.findBySlug(slug).isEmpty()) {
            throw new HubRefusedException(404, "hub.topic '" + topic + "': there is no category or topic '" + slug
                    + "' (GET /feeds lists them)");
        }
        return new Topic(topic, slug, format.get(), base);
    }

    /** The part of url after base's /feeds/, when url is on the same origin under it and asks no query. */
    private static Optional<String> fileUnder(URI url, URI base) {
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase(base.getScheme())
                || url.getHost() == null || !url.getHost().equalsIgnoreCase(base.getHost())
                || port(url) != port(base) || url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.empty();
        }
        String prefix = (base.getRawPath() == null ? "" : trim(base.getRawPath())) + FEEDS;
        String path = url.getRawPath();
        return path != null && path.startsWith(prefix) ? Optional.of(path.substring(prefix.length()))
                : Optional.empty();
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static URI parse(String url) throws HubRefusedException {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new HubRefusedException(400, "hub.topic '" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
