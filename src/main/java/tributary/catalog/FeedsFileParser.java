package tributary.catalog;

import java.io.StringReader;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tributary.store.CategoryRow;
import tributary.store.FeedSettings;

/** Parses and validates feeds.yml, reporting every problem with its line number. */
public final class FeedsFileParser {

    private static final Set<String> ROOT_KEYS = Set.of("categories", "feeds", "topics");
    private static final Set<String> CATEGORY_KEYS = Set.of("slug", "title", "description", "block",
            "clustering");
    private static final Set<String> TOPIC_KEYS = Set.of("slug", "title", "query", "categories");
    private static final Set<String> FEED_KEYS = Set.copyOf(FeedSettingsForm.KEYS);

    private final String fileName;
    private final List<FeedsFileException.Problem> problems = new ArrayList<>();

    private FeedsFileParser(String fileName) {
        this.fileName = fileName;
    }

    /** Parses YAML text; fileName is only used in messages. */
    public static FeedsFile parse(String yamlText, String fileName) throws FeedsFileException {
        // Titles typed on some systems arrive decomposed (NFD); store them composed like every other text.
        return new FeedsFileParser(fileName).run(Normalizer.normalize(yamlText, Normalizer.Form.NFC));
    }

    private FeedsFile run(String text) throws FeedsFileException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new FeedsFileException(fileName, List.of(new FeedsFileException.Problem(line,
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new FeedsFileException(fileName, List.of(new FeedsFileException.Problem(1,
                    "not valid YAML: " + e.getMessage())));
        }
        if (root == null || isNull(root)) {
            // Empty, or every line commented out: applying it would remove every feed and category.
            fail(1, "the file is empty (or only comments), which would remove every feed: to list none on purpose,"
                    + " write 'categories: []' and 'feeds: []'");
            throw new FeedsFileException(fileName, problems);
        }
        Map<String, Node> top = mapping(root, "the top level", ROOT_KEYS);
        Map<String, Integer> keyLines = keyLines(root);
        refuseBareKey(top, keyLines, "categories", "category");
        refuseBareKey(top, keyLines, "feeds", "feed");
        refuseBareKey(top, keyLines, "topics", "topic");
        List<CategorySpec> categories = parseCategories(top.get("categories"));
        List<FeedSpec> feeds = parseFeeds(top.get("feeds"), categories, lastLine(text));
        List<TopicSpec> topics = parseTopics(top.get("topics"), categories);
        if (!problems.isEmpty()) {
            throw new FeedsFileException(fileName, problems);
        }
        return new FeedsFile(fileName, categories, feeds, topics, keyLines.getOrDefault("categories", 1));
    }

    /**
     * 'feeds:' or 'categories:' with nothing under it (its entries commented out, or a save cut short) would empty the
     * catalog, and with it the memberships of feeds added through the API: only an explicit '[]' means none.
     */
    private void refuseBareKey(Map<String, Node> top, Map<String, Integer> keyLines, String key, String entry) {
        Node value = top.get(key);
        if (value != null && isNull(value)) {
            fail(keyLines.get(key), "'" + key + ":' has nothing under it (entries commented out, or a save cut short?),"
                    + " which would remove every " + entry + ": write '" + key + ": []' to list none on purpose");
        }
    }

    private static Map<String, Integer> keyLines(Node root) {
        Map<String, Integer> lines = new HashMap<>();
        if (root instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    lines.putIfAbsent(key.getValue(), line(key));
                }
            }
        }
        return lines;
    }

    private static int lastLine(String text) {
        String trimmed = text.stripTrailing();
        return (int) trimmed.chars().filter(c -> c == '\n').count() + 1;
    }

    private List<CategorySpec> parseCategories(Node node) {
        List<CategorySpec> result = new ArrayList<>();
        Map<String, Integer> seenSlugs = new HashMap<>();
        for (Node entry : sequence(node, "categories")) {
            Map<String, Node> fields = mapping(entry, "a category", CATEGORY_KEYS);
            int line = line(entry);
            String title = scalar(fields.get("title"));
            String slug = scalar(fields.get("slug"));
            if (title == null || title.isBlank()) {
                if (slug == null) {
                    fail(line, "a category needs a 'title' (its slug is derived from it)");
                    continue;
                }
                title = slug;
            }
            slug = slug(slug, fields.get("slug"), title, line);
            if (slug == null) {
                continue;
            }
            Integer previous = seenSlugs.putIfAbsent(slug, line);
            if (previous != null) {
                fail(line, "category slug '" + slug + "' is already used on line " + previous);
                continue;
            }
            result.add(new CategorySpec(slug, title.strip(), blankToNull(scalar(fields.get("description"))),
                    rules(fields.get("block"), "block"), clustering(fields.get("clustering")), line));
        }
        return result;
    }

    /** A category's clustering switch: true unless the file says false (YAML's true/false, yes/no, on/off). */
    private boolean clustering(Node node) {
        String value = scalar(node);
        if (value == null) {
            return true;
        }
        Boolean clustering = SettingRules.bool(value);
        if (clustering == null) {
            fail(line(node), "clustering must be true or false, not '" + value + "': false lists every copy of a"
                    + " story reported by several publishers as its own entry");
            return true;
        }
        return clustering;
    }

    /**
     * The topics. A category a topic names is one of the file's (by slug or title) or, checked when the file is
     * applied (TopicChecks), a slug added through the admin API.
     */
    private List<TopicSpec> parseTopics(Node node, List<CategorySpec> categories) {
        Map<String, String> seen = new HashMap<>();
        Map<String, String> slugByName = new HashMap<>();
        for (CategorySpec c : categories) {
            seen.put(c.slug(), "the category on line " + c.line());
            slugByName.put(c.slug(), c.slug());
            slugByName.putIfAbsent(c.title().toLowerCase(Locale.ROOT), c.slug());
        }
        List<TopicSpec> result = new ArrayList<>();
        for (Node entry : sequence(node, "topics")) {
            Map<String, Node> fields = mapping(entry, "a topic", TOPIC_KEYS);
            int line = line(entry);
            String title = blankToNull(scalar(fields.get("title")));
            String query = blankToNull(scalar(fields.get("query")));
            if (title == null) {
                fail(line, "a topic needs a 'title' (its slug is derived from it)");
            }
            if (query == null) {
                fail(line, "a topic needs a 'query': words, \"phrases\" or /regexes/, with OR and -, like"
                        + " 'bão OR lũ -\"bão giá\"'");
            } else if (RuleChecks.queryProblem(query) != null) {
                fail(line(fields.get("query")), "query '" + query + "': " + RuleChecks.queryProblem(query));
                query = null;
            }
            List<String> slugs = new ArrayList<>();
            for (Node item : listOrScalar(fields.get("categories"))) {
                String name = blankToNull(scalar(item));
                String slug = name == null ? null : slugByName.getOrDefault(name.toLowerCase(Locale.ROOT),
                        SlugDeriver.isValid(name) ? name : null);
                if (slug == null) {
                    fail(line(item), "unknown category '" + name + "': name one under 'categories:' by its slug"
                            + " or title (known: " + String.join(", ", categories.stream().map(CategorySpec::slug)
                            .toList()) + ")");
                } else if (!slugs.contains(slug)) {
                    slugs.add(slug);
                }
            }
            String slug = scalar(fields.get("slug"));
            slug = title == null ? null : slug(slug, fields.get("slug"), title, line);
            if (slug == null || query == null) {
                continue;
            }
            String previous = seen.putIfAbsent(slug, "the topic on line " + line);
            if (previous != null) {
                fail(line, "topic slug '" + slug + "' is already used by " + previous
                        + ": give the topic another 'slug:' (topics and categories share /feeds/{slug})");
                continue;
            }
            result.add(new TopicSpec(slug, title, query, slugs, line));
        }
        return result;
    }

    /** The entry's slug: given (and checked) or derived from its title; null when refused (reported). */
    private String slug(String given, Node at, String title, int line) {
        String slug = given;
        if (slug == null) {
            slug = SlugDeriver.derive(title);
            if (slug.isEmpty()) {
                fail(line, "cannot derive a slug from the title '" + title + "': add 'slug: some-name'");
                return null;
            }
        } else if (!SlugDeriver.isValid(slug)) {
            fail(line(at), "slug '" + slug
                    + "' is not allowed: use lower-case letters a-z, digits and single hyphens");
            return null;
        }
        if (slug.equals(CategoryRow.ALL)) {
            fail(line, "slug '" + slug + "' is reserved (/feeds/all.rss merges every category): choose another");
            return null;
        }
        return slug;
    }

    /** A list of rules (a single one stands for a list of one), each checked; a refused one is reported at its line. */
    private List<String> rules(Node node, String key) {
        List<String> rules = new ArrayList<>();
        for (Node item : listOrScalar(node)) {
            String rule = scalar(item);
            rule = rule == null ? "" : rule.strip();
            String problem = RuleChecks.ruleProblem(rule);
            if (problem != null) {
                fail(line(item), key + " rule '" + rule + "': " + problem);
            } else if (!rules.contains(rule)) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private List<FeedSpec> parseFeeds(Node node, List<CategorySpec> categories, int lastLine) {
        if (node == null) {
            // Named at the end of the file: a save cut short before 'feeds:' shows up there.
            fail(lastLine, "there is no 'feeds:' list, which would remove every feed: add one with '- url: https://…'"
                    + " entries, or write 'feeds: []' to list none on purpose");
            return List.of();
        }
        Map<String, String> slugByName = new HashMap<>();
        for (CategorySpec c : categories) {
            slugByName.put(c.slug(), c.slug());
            slugByName.putIfAbsent(c.title().toLowerCase(Locale.ROOT), c.slug());
        }
        FeedSettingsForm.CategoryNames names = new FeedSettingsForm.CategoryNames() {
            @Override
            public String slug(String name) {
                return slugByName.get(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public String unknown(String name) {
                return "unknown category '" + name + "': declare it under 'categories:' (known: "
                        + String.join(", ", slugByName.values().stream().distinct().sorted().toList()) + ")";
            }
        };
        List<FeedSpec> result = new ArrayList<>();
        Map<URI, Integer> seenUrls = new HashMap<>();
        for (Node entry : sequence(node, "feeds")) {
            Map<String, Node> fields = mapping(entry, "a feed", FEED_KEYS);
            int line = line(entry);
            Map<String, Object> values = new HashMap<>();
            fields.forEach((key, value) -> values.put(key, FeedSettingsForm.LIST_KEYS.contains(key)
                    ? listOrScalar(value).stream().map(this::scalar).toList() : scalar(value)));
            FeedSettings settings = FeedSettingsForm.read(values, null, names, (key, index, value, reason) -> {
                Node at = fields.get(key);
                fail(at == null ? line : index >= 0 ? line(listOrScalar(at).get(index)) : line(at), reason);
            });
            if (settings == null) {
                continue;
            }
            Integer previous = seenUrls.putIfAbsent(settings.url(), line);
            if (previous != null) {
                fail(line, "feed " + settings.url() + " is already listed on line " + previous + ": merge the two entries");
                continue;
            }
            result.add(new FeedSpec(settings, line));
        }
        return result;
    }

    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        Map<String, Node> fields = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            fail(line(node), what + " must be a mapping of key: value lines");
            return fields;
        }
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                fail(line(tuple.getKeyNode()), "unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
                continue;
            }
            fields.put(key, tuple.getValueNode());
        }
        return fields;
    }

    private List<Node> sequence(Node node, String what) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            fail(line(node), "'" + what + "' must be a list of '- ' entries");
            return List.of();
        }
        return seq.getValue();
    }

    private List<Node> listOrScalar(Node node) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        return List.of(node);
    }

    private String scalar(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        fail(line(node), "expected a single value here, not a list or mapping");
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    private static int line(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void fail(int line, String reason) {
        problems.add(new FeedsFileException.Problem(line, reason));
    }
}
