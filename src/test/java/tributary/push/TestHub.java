package tributary.push;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tributary.support.FixtureFeedServer;

/**
 * A WebSub hub a source feed names, on the fixture server at /hub: it records each subscription request (answering
 * 202) and, driven by the test, verifies intent against the callback and pushes content to it, signed or not.
 */
final class TestHub {

    /** One form-encoded request our subscriber sent. */
    record Subscription(Map<String, String> form, String contentType) {

        String mode() {
            return form.get("hub.mode");
        }

        String topic() {
            return form.get("hub.topic");
        }

        String callback() {
            return form.get("hub.callback");
        }

        String secret() {
            return form.get("hub.secret");
        }
    }

    private final BlockingQueue<Subscription> requests = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    TestHub(FixtureFeedServer server) {
        this.url = server.address("/hub");
        server.serve("/hub", request -> {
            requests.add(new Subscription(form(new String(request.body(), StandardCharsets.UTF_8)),
                    request.header("Content-Type")));
            return new FixtureFeedServer.Answer(202, "text/plain", "accepted".getBytes());
        });
    }

    String url() {
        return url;
    }

    /** The next subscription request, waiting at most ten seconds for it (it is sent in the background). */
    Subscription next() throws InterruptedException {
        Subscription next = requests.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the hub received no subscription request within 10 s");
        }
        return next;
    }

    boolean idle() {
        return requests.isEmpty();
    }

    /** The hub's GET to the callback: hub.mode, hub.topic, hub.challenge and hub.lease_seconds. */
    HttpResponse<String> verify(String callback, String mode, String topic, String challenge, long leaseSeconds)
            throws Exception {
        String query = "hub.mode=" + encode(mode) + "&hub.topic=" + encode(topic) + "&hub.challenge="
                + encode(challenge) + "&hub.lease_seconds=" + leaseSeconds;
        return http.send(HttpRequest.newBuilder(URI.create(callback + "?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The hub's content distribution: the document as the body, signed when signature is not null. */
    HttpResponse<String> push(String callback, byte[] body, String contentType, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("Link", "<" + url + ">; rel=\"hub\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
