package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import tributary.catalog.FeedsFileWriter;
import tributary.catalog.OpmlException;
import tributary.catalog.OpmlReader;
import tributary.catalog.OpmlWriter;
import tributary.publish.Problems;
import tributary.store.CatalogReader;
import tributary.store.CategoryRepository;
import tributary.store.FeedRepository;
import tributary.store.TopicRepository;

/** Round trips: the whole list as feeds.yml or OPML, and OPML import. */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class PortabilityController {

    private final CategoryRepository categories;
    private final FeedRepository feeds;
    private final CatalogReader catalog;
    private final OpmlImporter importer;
    private final Clock clock;
    private final TopicRepository topics;

    PortabilityController(CategoryRepository categories, FeedRepository feeds, CatalogReader catalog,
                          OpmlImporter importer, Clock clock, TopicRepository topics) {
        this.topics = topics;
        this.categories = categories;
        this.feeds = feeds;
        this.catalog = catalog;
        this.importer = importer;
        this.clock = clock;
    }

    @Get("/export/feeds.yml")
    HttpResponse<String> exportFeedsYml() {
        String yaml = FeedsFileWriter.write(categories.findAllInOrder(), List.copyOf(catalog.liveFeedSettings().values()),
                topics.all());
        return HttpResponse.ok(yaml).contentType("application/yaml; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"feeds.yml\"");
    }

    @Get("/export/opml")
    HttpResponse<String> exportOpml() {
        String opml = OpmlWriter.write(categories.findAllInOrder(), feeds.findAllInOrder(), catalog.slugsByFeed(),
                clock.instant());
        return HttpResponse.ok(opml).contentType("text/x-opml; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"tributary.opml\"");
    }

    /** Takes an OPML document as the raw body (any XML content type). */
    @Post("/import/opml")
    @Consumes({"text/x-opml", MediaType.TEXT_XML, MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    HttpResponse<?> importOpml(@Nullable @Body byte[] body) {
        if (body == null || body.length == 0) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Empty body", "POST the OPML file as the request body "
                    + "(Content-Type: text/x-opml).");
        }
        try {
            return HttpResponse.ok(importer.apply(OpmlReader.read(body)));
        } catch (OpmlException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Unreadable OPML", e.getMessage()
                    + "; nothing was imported. Fix the file and send it again.");
        }
    }
}
