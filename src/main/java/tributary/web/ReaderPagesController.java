package tributary.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import tributary.publish.BaseUrlResolver;
import tributary.publish.ClustersParam;
import tributary.publish.RenderedFeed;
import tributary.publish.StoryPages;
import tributary.store.PageCursor;

/**
 * The pages people read: GET / (every category's latest headlines) and GET /c/{slug} (a river of news), in Vietnamese
 * or English by Accept-Language, served from the render cache like the feeds.
 */
@Controller
class ReaderPagesController {

    /** The category.slug column's width: a longer slug names nothing, so it is refused before any lookup. */
    static final int MAX_SLUG_LENGTH = 100;

    private final StoryPages pages;
    private final FrontPageWriter front;
    private final RiverPageWriter river;
    private final MessagePageWriter messages;
    private final BaseUrlResolver baseUrls;
    private final UiSettings settings;
    private final TimeLabels times;
    private final ExecutorService blocking;

    ReaderPagesController(StoryPages pages, FrontPageWriter front, RiverPageWriter river, MessagePageWriter messages,
                          BaseUrlResolver baseUrls, UiSettings settings, TimeLabels times,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.pages = pages;
        this.front = front;
        this.river = river;
        this.messages = messages;
        this.baseUrls = baseUrls;
        this.settings = settings;
        this.times = times;
        this.blocking = blocking;
    }

    /** Like the feeds, runs on the event loop: a cached page is answered at once, a miss renders on the blocking pool. */
    @Get("/")
    CompletableFuture<HttpResponse<?>> front(HttpRequest<?> request) {
        UiLanguage lang = language(request);
        String base = baseUrls.resolve(request);
        Optional<Boolean> off = ClustersParam.off(request.getParameters().getAll("clusters"));
        if (off.isEmpty()) {
            return CompletableFuture.supplyAsync(() -> message(HttpStatus.BAD_REQUEST, lang, base,
                    UiText.BAD_CURSOR_TITLE, UiText.BAD_CLUSTERS_TEXT.in(lang)), blocking);
        }
        ReaderPageKey key = ReaderPageKey.front(base, lang, minute(), off.get());
        return serve(request, key, () -> front.render(key));
    }

    @Get("/c/{slug}")
    CompletableFuture<HttpResponse<?>> river(String slug, @Nullable @QueryValue String before,
                                             HttpRequest<?> request) {
        UiLanguage lang = language(request);
        String base = baseUrls.resolve(request);
        if (slug.length() > MAX_SLUG_LENGTH) {
            return CompletableFuture.supplyAsync(() -> notFound(slug.substring(0, 40) + "…", lang, base), blocking);
        }
        Optional<Boolean> off = ClustersParam.off(request.getParameters().getAll("clusters"));
        if (off.isEmpty()) {
            return CompletableFuture.supplyAsync(() -> message(HttpStatus.BAD_REQUEST, lang, base,
                    UiText.BAD_CURSOR_TITLE, UiText.BAD_CLUSTERS_TEXT.in(lang)), blocking);
        }
        PageCursor cursor = null;
        if (before != null) {
            cursor = PageCursor.parse(before).orElse(null);
            if (cursor == null) {
                return CompletableFuture.supplyAsync(() -> message(HttpStatus.BAD_REQUEST, lang, base,
                        UiText.BAD_CURSOR_TITLE, UiText.BAD_CURSOR_TEXT.in(lang)), blocking);
            }
        }
        ReaderPageKey key = new ReaderPageKey(ReaderPageKey.Kind.RIVER, slug, cursor, base, lang, minute(), off.get());
        return serve(request, key, () -> river.render(key));
    }

    private CompletableFuture<HttpResponse<?>> serve(HttpRequest<?> request, ReaderPageKey key, Render render) {
        RenderedFeed hot = pages.cached(key);
        if (hot != null) {
            return CompletableFuture.completedFuture(ReaderResponses.page(request, hot, key.language()));
        }
        return CompletableFuture.supplyAsync(() -> {
            RenderedFeed page = pages.render(key, render::page);
            return page == null ? notFound(key.slug(), key.language(), key.base())
                    : ReaderResponses.page(request, page, key.language());
        }, blocking);
    }

    private HttpResponse<?> notFound(String slug, UiLanguage lang, String base) {
        return message(HttpStatus.NOT_FOUND, lang, base, UiText.NOT_FOUND_TITLE, UiText.NOT_FOUND_TEXT.in(lang, slug));
    }

    private HttpResponse<?> message(HttpStatus status, UiLanguage lang, String base, UiText title, String text) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(status)
                .body(messages.render(lang, base, title, text)).contentType(ReaderResponses.HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        return ReaderResponses.headers(response, lang);
    }

    private UiLanguage language(HttpRequest<?> request) {
        return LanguageNegotiator.pick(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE), settings.language());
    }

    private long minute() {
        return Math.floorDiv(times.now().getEpochSecond(), 60);
    }

    /** A page render, run once per cache miss. */
    @FunctionalInterface
    private interface Render {
        RenderedFeed page();
    }
}
