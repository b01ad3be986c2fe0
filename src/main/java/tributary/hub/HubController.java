package tributary.hub;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /websub, the hub of our feeds (WebSub §5.1): a form with hub.mode, hub.topic, hub.callback and optionally
 * hub.lease_seconds and hub.secret. A request that passes the checks is answered 202 Accepted and verified later
 * on the hub's pool; one that does not gets a 4xx or 5xx with the reason as plain text, as §5.1 asks.
 */
@Controller(HubLinks.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
class HubController {

    private final HubConfig config;
    private final SubscriptionRequests requests;
    private final IntentVerifier verifier;
    private final HubWorkers workers;

    HubController(HubConfig config, SubscriptionRequests requests, IntentVerifier verifier, HubWorkers workers) {
        this.config = config;
        this.requests = requests;
        this.verifier = verifier;
        this.workers = workers;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> subscribe(HttpRequest<?> request, @Body Map<String, Object> form) {
        if (!config.hubEnabled()) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND)
                    .body("This Tributary runs no WebSub hub (tributary.websub.hub-enabled is false)\n");
        }
        HubRequest checked;
        try {
            checked = requests.check(fields(form), request);
        } catch (HubRefusedException e) {
            return HttpResponse.<String>status(HttpStatus.valueOf(e.status())).body(e.getMessage() + "\n");
        }
        verifier.accepted(checked);
        if (!workers.offer(() -> verifier.verify(checked))) {
            verifier.abandoned(checked);
            return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                    .body("The hub has too many requests waiting for verification; try again in a minute\n");
        }
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).body("Accepted: the hub will verify this "
                + checked.mode() + " request with a GET to the callback\n");
    }

    /** The form's fields as text; a field given twice counts with its first value. */
    private static Map<String, String> fields(Map<String, Object> form) {
        Map<String, String> fields = new HashMap<>();
        if (form != null) {
            form.forEach((name, value) -> {
                Object first = value instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : value;
                if (first != null) {
                    fields.put(name, first.toString());
                }
            });
        }
        return fields;
    }
}
