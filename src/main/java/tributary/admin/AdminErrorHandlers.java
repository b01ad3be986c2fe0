package tributary.admin;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import tributary.catalog.CatalogConflictException;
import tributary.publish.Problems;

/** Turns the admin API's failures into application/problem+json answers with a sentence a person can act on. */
@Factory
class AdminErrorHandlers {

    @Singleton
    ExceptionHandler<InvalidInputException, HttpResponse<?>> invalid() {
        return (request, e) -> Problems.invalid(e.errors());
    }

    @Singleton
    ExceptionHandler<CatalogConflictException, HttpResponse<?>> conflict() {
        return (request, e) -> Problems.of(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @Singleton
    ExceptionHandler<ManagedByFileException, HttpResponse<?>> managed() {
        return (request, e) -> Problems.of(HttpStatus.CONFLICT, "Managed by feeds.yml", e.getMessage());
    }

    /** 422, not 502: the request is sound but names a page Tributary cannot fetch, and proxies pass a 4xx's body on. */
    @Singleton
    ExceptionHandler<PageNotFetchedException, HttpResponse<?>> notFetched() {
        return (request, e) -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, e.title(), e.getMessage());
    }

    @Singleton
    ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> tooLarge() {
        return (request, e) -> Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Body too large",
                "Request bodies are limited to 1 MiB (micronaut.server.max-request-size); split the import into "
                        + "smaller files.");
    }

    @Singleton
    ExceptionHandler<CodecException, HttpResponse<?>> unreadableBody() {
        return (HttpRequest request, CodecException e) -> Problems.of(HttpStatus.BAD_REQUEST, "Unreadable body",
                "The body is not the JSON this route takes: " + e.getMessage());
    }

}
