package tributary.parse;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON Feed 1.0 and 1.1 documents (https://jsonfeed.org), which Rome does not. */
@Singleton
public class JsonFeedParser {

    private final JsonMapper mapper;

    public JsonFeedParser(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public ParsedFeed parse(byte[] body) throws FeedParseException {
        JsonNode root;
        try {
            root = mapper.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new FeedParseException("not valid JSON: " + e.getMessage(), e);
        }
        String version = text(root, "version");
        if (root == null || !root.isObject() || !isJsonFeedVersion(version)) {
            throw new FeedParseException("a JSON document but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")");
        }
        List<ParsedItem> items = new ArrayList<>();
        JsonNode array = root.get("items");
        if (array != null && array.isArray()) {
            for (JsonNode item : array.values()) {
                if (item.isObject()) {
                    items.add(item(item));
                }
            }
        }
        return new ParsedFeed("json", text(root, "title"), text(root, "home_page_url"), text(root, "description"),
                text(root, "language"), items);
    }

    /** The spec's URL, its http: spelling, or the bare number some generators write ("1.1"). */
    static boolean isJsonFeedVersion(String version) {
        return version != null && (version.matches("https?://jsonfeed\\.org/version/.+") || version.matches("1(\\.\\d)?"));
    }

    private static ParsedItem item(JsonNode item) {
        String content = text(item, "content_html");
        if (content == null && text(item, "content_text") != null) {
            content = escape(text(item, "content_text"));
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagArray = item.get("tags");
        if (tagArray != null && tagArray.isArray()) {
            for (JsonNode tag : tagArray.values()) {
                if (tag.isString()) {
                    tags.add(tag.getStringValue());
                }
            }
        }
        ParsedEnclosure enclosure = null;
        JsonNode attachments = item.get("attachments");
        if (attachments != null && attachments.isArray() && attachments.size() > 0) {
            JsonNode first = attachments.get(0);
            JsonNode size = first.get("size_in_bytes");
            enclosure = new ParsedEnclosure(text(first, "url"), text(first, "mime_type"),
                    size != null && size.isNumber() ? size.getLongValue() : null);
        }
        String url = text(item, "url") != null ? text(item, "url") : text(item, "external_url");
        return new ParsedItem(text(item, "id"), url, text(item, "title"), text(item, "summary"), content,
                author(item), tags, enclosure, date(text(item, "date_published")), date(text(item, "date_modified")),
                text(item, "date_published"), text(item, "date_modified"), null);
    }

    private static String author(JsonNode item) {
        JsonNode authors = item.get("authors");
        if (authors != null && authors.isArray() && authors.size() > 0) {
            return text(authors.get(0), "name");
        }
        JsonNode author = item.get("author");
        return author == null ? null : text(author, "name");
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // JSON Feed 1.0 allowed numeric ids.
        return value.isString() ? value.getStringValue() : value.isNumber() ? value.getNumberValue().toString() : null;
    }

    private static Instant date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }
}
