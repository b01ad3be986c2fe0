package tributary.push;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import tributary.common.HubSignature;

/**
 * Our WebSub callbacks, {base}/websub/callback/{token}: GET is a hub's verification of intent (the challenge echoed as
 * text/plain, or 404 for anything we did not ask for), POST a content distribution (2xx once received, signed or not,
 * as WebSub 8 asks; 404 for a token that is not ours, 410 for a feed removed since, 413 past the body cap).
 */
@Controller("/websub/callback")
@ExecuteOn(TaskExecutors.BLOCKING)
class CallbackController {

    private final Verification verification;
    private final PushReceiver receiver;

    CallbackController(Verification verification, PushReceiver receiver) {
        this.verification = verification;
        this.receiver = receiver;
    }

    @Get("/{token}")
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<String> verify(@PathVariable String token, HttpRequest<?> request) {
        var query = request.getParameters();
        return verification.answer(token, query.get("hub.mode"), query.get("hub.topic"), query.get("hub.challenge"),
                        query.get("hub.lease_seconds"), query.get("hub.reason"))
                .<HttpResponse<String>>map(body -> HttpResponse.ok(body).contentType(MediaType.TEXT_PLAIN_TYPE))
                .orElseGet(() -> HttpResponse.<String>notFound().contentType(MediaType.TEXT_PLAIN_TYPE));
    }

    @Post(value = "/{token}", consumes = MediaType.ALL)
    HttpResponse<?> push(@PathVariable String token, @Body @Nullable byte[] body,
                         @Header("Content-Type") @Nullable String contentType,
                         @Header(HubSignature.HEADER) @Nullable String signature) {
        PushReceiver.Result result = receiver.receive(token, body == null ? new byte[0] : body, contentType,
                signature);
        return switch (result) {
            case INGESTED, IGNORED -> HttpResponse.accepted();
            case UNKNOWN -> HttpResponse.notFound();
            case GONE -> HttpResponse.status(HttpStatus.GONE);
            case TOO_LARGE -> HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        };
    }
}
