package tributary.hub;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tributary.fetch.AddressGuard;

/**
 * The hub's outbound HTTP to callbacks, built from the fetcher's guard pieces (the guard as DNS, its socket factory
 * checking every connect, no proxy) so a callback reaches no internal address; redirects are not followed (WebSub
 * §7: any answer but 2xx is a failure), and only the first bytes of an answer are read.
 */
@Singleton
class HubHttp {

    /** An answer to a verification is the challenge; nothing longer needs reading. */
    static final int MAX_ANSWER_BYTES = 1024;
    private static final String USER_AGENT = "Tributary-WebSub-Hub";

    /** What a callback answered: its status and the first bytes of its body as text (null on a network failure). */
    record Answer(int status, String body, String failure) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String describe() {
            return failure != null ? failure : "HTTP " + status;
        }
    }

    private final OkHttpClient verifyClient;
    private final OkHttpClient deliverClient;

    HubHttp(AddressGuard guard, HubConfig config) {
        OkHttpClient base = guard.clientBuilder().build();
        this.verifyClient = base.newBuilder().callTimeout(config.verifyTimeout()).build();
        this.deliverClient = base.newBuilder().callTimeout(config.deliveryTimeout()).build();
    }

    Answer get(String url) {
        return call(verifyClient, new Request.Builder().url(url).header("User-Agent", USER_AGENT).build());
    }

    Answer post(String url, String contentType, byte[] body, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(url).header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body, MediaType.get(contentType)));
        headers.forEach(request::header);
        return call(deliverClient, request.build());
    }

    private static Answer call(OkHttpClient client, Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), head(response.body()), null);
        } catch (IOException e) {
            return new Answer(0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String head(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
        }
    }
}
