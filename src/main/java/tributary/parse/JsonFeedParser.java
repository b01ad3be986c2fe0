package tributary.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tributary.common.Escaper;

/**
 * Reads JSON Feed 1.0 and 1.1 documents (https://jsonfeed.org), which Rome does not, as a stream of tokens: only the
 * fields kept become objects, and items past tributary.fetch.max-items are skipped unread, so a document of millions
 * of items costs a scan, not a tree.
 */
@Singleton
public class JsonFeedParser {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final ParseConfig config;

    public JsonFeedParser(ParseConfig config) {
        this.config = config;
    }

    public ParsedFeed parse(byte[] body) throws FeedParseException {
        ParseBudget budget = ParseBudget.start(config);
        try (JsonParser json = FACTORY.createParser(body)) {
            return feed(json, budget);
        } catch (ParseLimitException e) {
            throw new FeedParseException(e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedParseException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The spec's URL, its http: spelling, or the bare number some generators write ("1.1"). */
    static boolean isJsonFeedVersion(String version) {
        return version != null && (version.matches("https?://jsonfeed\\.org/version/.+") || version.matches("1(\\.\\d)?"));
    }

    private ParsedFeed feed(JsonParser json, ParseBudget budget) throws IOException, FeedParseException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw notAJsonFeed();
        }
        String version = null;
        String title = null;
        String homePage = null;
        String description = null;
        String language = null;
        String feedUrl = null;
        List<String> hubs = new ArrayList<>();
        List<ParsedItem> items = new ArrayList<>();
        int seen = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "version" -> version = scalar(json);
                case "title" -> title = scalar(json);
                case "home_page_url" -> homePage = scalar(json);
                case "description" -> description = scalar(json);
                case "language" -> language = scalar(json);
                case "feed_url" -> feedUrl = scalar(json);
                case "hubs" -> hubs = value == JsonToken.START_ARRAY ? webSubHubs(json, budget) : skipNull(json);
                case "items" -> {
                    if (value != JsonToken.START_ARRAY) {
                        json.skipChildren();
                        break;
                    }
                    for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
                        budget.check();
                        if (t == JsonToken.START_OBJECT) {
                            seen++;
                            if (items.size() < config.maxItems()) {
                                items.add(item(json, budget));
                                continue;
                            }
                        }
                        json.skipChildren();
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (!isJsonFeedVersion(version)) {
            throw notAJsonFeed();
        }
        return new ParsedFeed("json", title, homePage, description, language, items, ParsedSchedule.NONE, seen,
                new FeedLinks(hubs == null ? List.of() : hubs, feedUrl));
    }

    private static FeedParseException notAJsonFeed() {
        return new FeedParseException("a JSON document but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")");
    }

    /** The url of each hubs entry whose type is WebSub (any case), a few at most: a document cannot grow the list. */
    private static List<String> webSubHubs(JsonParser json, ParseBudget budget) throws IOException {
        List<String> hubs = new ArrayList<>();
        for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
            budget.check();
            if (t != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String type = null, url = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "type" -> type = scalar(json);
                    case "url" -> url = scalar(json);
                    default -> json.skipChildren();
                }
            }
            if (url != null && "websub".equalsIgnoreCase(type) && hubs.size() < FeedLinksReader.MAX_HUBS) {
                hubs.add(url);
            }
        }
        return hubs;
    }

    /** One item object, the parser on its START_OBJECT; fields Tributary does not keep are skipped. */
    private static ParsedItem item(JsonParser json, ParseBudget budget) throws IOException {
        String id = null, url = null, externalUrl = null, title = null, summary = null, html = null, text = null;
        String published = null, modified = null, author = null;
        String[] firstAuthor = null;
        List<String> tags = new ArrayList<>();
        ParsedEnclosure enclosure = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "id" -> id = scalar(json);
                case "url" -> url = scalar(json);
                case "external_url" -> externalUrl = scalar(json);
                case "title" -> title = scalar(json);
                case "summary" -> summary = scalar(json);
                case "content_html" -> html = scalar(json);
                case "content_text" -> text = scalar(json);
                case "date_published" -> published = scalar(json);
                case "date_modified" -> modified = scalar(json);
                case "author" -> author = value == JsonToken.START_OBJECT ? objectField(json, "name", budget) : skipNull(json);
                case "authors" -> firstAuthor = value == JsonToken.START_ARRAY ? firstName(json, budget) : skipNull(json);
                case "tags" -> {
                    tags = new ArrayList<>();
                    if (value != JsonToken.START_ARRAY) {
                        json.skipChildren();
                        break;
                    }
                    for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
                        budget.check();
                        if (t == JsonToken.VALUE_STRING) {
                            tags.add(json.getText());
                        }
                        json.skipChildren();
                    }
                }
                case "attachments" -> enclosure = value == JsonToken.START_ARRAY ? attachment(json, budget) : skipNull(json);
                default -> json.skipChildren();
            }
        }
        String content = html != null ? html : text != null ? escape(text) : null;
        return new ParsedItem(id, url != null ? url : externalUrl, title, summary, content,
                firstAuthor != null ? firstAuthor[0] : author, tags, enclosure, date(published),
                date(modified), published, modified, null);
    }

    /**
     * The name of an authors array's first element (the others are skipped), in a one-element array; null for an
     * empty array, which leaves the JSON Feed 1.0 author in force.
     */
    private static String[] firstName(JsonParser json, ParseBudget budget) throws IOException {
        String[] name = null;
        boolean first = true;
        for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
            budget.check();
            if (first) {
                name = new String[] {t == JsonToken.START_OBJECT ? objectField(json, "name", budget) : skipNull(json)};
            } else {
                json.skipChildren();
            }
            first = false;
        }
        return name;
    }

    /** The first attachment, when it is an object: url, mime_type and size_in_bytes. */
    private static ParsedEnclosure attachment(JsonParser json, ParseBudget budget) throws IOException {
        ParsedEnclosure enclosure = null;
        boolean first = true;
        for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
            budget.check();
            if (first && t == JsonToken.START_OBJECT) {
                String url = null, type = null;
                Long size = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    switch (field) {
                        case "url" -> url = scalar(json);
                        case "mime_type" -> type = scalar(json);
                        case "size_in_bytes" -> size = value.isNumeric() ? json.getLongValue() : skipNull(json);
                        default -> json.skipChildren();
                    }
                }
                enclosure = new ParsedEnclosure(url, type, size);
            } else {
                json.skipChildren();
            }
            first = false;
        }
        return enclosure;
    }

    /** One string or number field of an object, the parser on its START_OBJECT; the rest is skipped. */
    private static String objectField(JsonParser json, String wanted, ParseBudget budget) throws IOException {
        String found = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            budget.check();
            String field = json.currentName();
            json.nextToken();
            if (field.equals(wanted)) {
                found = scalar(json);
            } else {
                json.skipChildren();
            }
        }
        return found;
    }

    /** A string, or a number as its text (JSON Feed 1.0 allowed numeric ids); anything else is skipped as null. */
    private static String scalar(JsonParser json) throws IOException {
        JsonToken t = json.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (t.isNumeric()) {
            return json.getNumberValue().toString();
        }
        json.skipChildren();
        return null;
    }

    /** Skips the value the parser is on (with all it holds) and stands for it as null. */
    private static <T> T skipNull(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
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

    /** content_text as HTML: escaped, and its line breaks kept as <br> (the sanitizer later reads every form alike). */
    private static String escape(String text) {
        return Escaper.markup(text).replace("\n", "<br>");
    }
}
