package tributary.publish;

import static tributary.common.Escaper.markup;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;

/** GET /feeds.opml: every category, topic and "all" as one OPML file, to subscribe to all at once. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class OpmlController {

    private final CategorySummaries summaries;
    private final BaseUrlResolver baseUrls;
    private final Clock clock;

    OpmlController(CategorySummaries summaries, BaseUrlResolver baseUrls, Clock clock) {
        this.summaries = summaries;
        this.baseUrls = baseUrls;
        this.clock = clock;
    }

    @Get("/feeds.opml")
    HttpResponse<String> opml(HttpRequest<?> request) {
        String base = baseUrls.resolve(request);
        StringBuilder xml = new StringBuilder(2048).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<opml version=\"2.0\">\n<head>\n<title>Tributary</title>\n<dateCreated>")
                .append(ConditionalResponses.httpDate(clock.instant())).append("</dateCreated>\n</head>\n<body>\n");
        for (CategorySummaries.Summary row : summaries.current()) {
            xml.append("<outline type=\"rss\" text=\"").append(markup(row.title())).append("\" title=\"")
                    .append(markup(row.title())).append("\" xmlUrl=\"")
                    .append(markup(feedUrl(base, row.slug(), FeedFormat.RSS))).append("\" htmlUrl=\"")
                    .append(markup(base + "/c/" + row.slug())).append("\"");
            if (row.description() != null) {
                xml.append(" description=\"").append(markup(row.description())).append("\"");
            }
            xml.append("/>\n");
        }
        xml.append("</body>\n</opml>\n");
        return HttpResponse.ok(xml.toString()).contentType("text/x-opml; charset=utf-8");
    }

    private static String feedUrl(String base, String slug, FeedFormat format) {
        return base + "/feeds/" + slug + "." + format.extension();
    }
}
