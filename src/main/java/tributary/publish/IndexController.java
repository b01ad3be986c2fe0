package tributary.publish;

import static tributary.common.Escaper.markup;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;

/** The human front door: GET / lists the categories with subscribe links, GET /feeds.opml the same for readers. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class IndexController {

    private final CategorySummaries summaries;
    private final BaseUrlResolver baseUrls;
    private final Clock clock;

    IndexController(CategorySummaries summaries, BaseUrlResolver baseUrls, Clock clock) {
        this.summaries = summaries;
        this.baseUrls = baseUrls;
        this.clock = clock;
    }

    @Get("/")
    HttpResponse<String> index(HttpRequest<?> request) {
        String base = baseUrls.resolve(request);
        List<CategorySummaries.Summary> rows = summaries.current();
        StringBuilder html = new StringBuilder(4096).append("""
                <!DOCTYPE html>
                <html lang="vi">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Tributary</title>
                """);
        for (CategorySummaries.Summary row : rows) {
            for (FeedFormat format : FeedFormat.values()) {
                html.append("<link rel=\"alternate\" type=\"").append(format.contentType().split(";")[0])
                        .append("\" title=\"").append(markup(row.title() + " (" + format.extension().toUpperCase() + ")"))
                        .append("\" href=\"").append(markup(feedUrl(base, row.slug(), format))).append("\">\n");
            }
        }
        html.append("""
                <style>
                body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
                h1{font-size:1.6rem}li{margin:0 0 1rem}.meta{color:#666;font-size:.9rem}a{color:#0b57d0}
                </style>
                </head>
                <body>
                <h1>Tributary</h1>
                <p>Merged news feeds by category. Paste a link below into your feed reader, or import
                <a href="/feeds.opml">all categories and topics as OPML</a>.</p>
                <ul>
                """);
        for (CategorySummaries.Summary row : rows) {
            html.append("<li><strong>").append(markup(row.title())).append("</strong>");
            if (row.description() != null) {
                html.append(" — ").append(markup(row.description()));
            }
            if (row.topic()) {
                html.append("<br><span class=\"meta\">topic: <code>").append(markup(row.query()))
                        .append("</code>");
            } else {
                html.append("<br><span class=\"meta\">").append(row.stats().itemCount()).append(" items");
            }
            if (!row.topic() && row.stats().updated() != null) {
                html.append(", updated <time datetime=\"").append(row.stats().updated()).append("\">")
                        .append(ConditionalResponses.httpDate(row.stats().updated())).append("</time>");
            }
            html.append("</span><br>");
            for (FeedFormat format : FeedFormat.values()) {
                html.append("<a href=\"").append(markup(feedUrl(base, row.slug(), format))).append("\">")
                        .append(format == FeedFormat.JSON ? "JSON Feed" : format.extension().toUpperCase())
                        .append("</a> ");
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n</body>\n</html>\n");
        return HttpResponse.ok(html.toString()).contentType("text/html; charset=utf-8");
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
                    .append(markup(base + "/")).append("\"");
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
