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

    private static final Set<String> ROOT_KEYS = Set.of("categories", "feeds");
    private static final Set<String> CATEGORY_KEYS = Set.of("slug", "title", "description");
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
        List<CategorySpec> categories = parseCategories(top.get("categories"));
        List<FeedSpec> feeds = parseFeeds(top.get("feeds"), categories, lastLine(text));
        if (!problems.isEmpty()) {
            throw new FeedsFileException(fileName, problems);
        }
        return new FeedsFile(fileName, categories, feeds, keyLines.getOrDefault("categories", 1));
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
            if (slug == null) {
                slug = SlugDeriver.derive(title);
                if (slug.isEmpty()) {
                    fail(line, "cannot derive a slug from the title '" + title + "': add 'slug: some-name'");
                    continue;
                }
            } else if (!SlugDeriver.isValid(slug)) {
                fail(line(fields.get("slug")), "slug '" + slug
                        + "' is not allowed: use lower-case letters a-z, digits and single hyphens");
                continue;
            }
            if (slug.equals(CategoryRow.ALL)) {
                fail(line, "slug '" + slug + "' is reserved (/feeds/all.rss merges every category): choose another");
                continue;
            }
            Integer previous = seenSlugs.putIfAbsent(slug, line);
            if (previous != null) {
                fail(line, "category slug '" + slug + "' is already used on line " + previous);
                continue;
            }
            result.add(new CategorySpec(slug, title.strip(), blankToNull(scalar(fields.get("description"))), line));
        }
        return result;
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
