package tributary.push;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tributary.fetch.AddressGuard;
import tributary.fetch.FetchConfig;
import tributary.fetch.UserAgent;

/**
 * Sends subscription requests to hubs (WebSub 5.1): a form-encoded UTF-8 POST through the same address guard as
 * feeds (its DNS and guarded sockets; tributary.fetch.allow-private-addresses governs as for feeds), the fetch
 * timeouts, and a 307/308 to another hub followed a few times, each hop guarded. A 2xx is the hub's acceptance (202
 * by the Recommendation); the verification comes later, to our callback.
 */
@Singleton
class HubClient {

    static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_CHARS = 300;

    private final AddressGuard guard;
    private final OkHttpClient client;
    private final String userAgent;

    HubClient(AddressGuard guard, FetchConfig fetch) {
        this.guard = guard;
        this.userAgent = UserAgent.of(fetch);
        this.client = guard.clientBuilder()
                .connectTimeout(fetch.connectTimeout()).readTimeout(fetch.readTimeout())
                .callTimeout(fetch.deadline()).build();
    }

    /** Posts the form to the hub; empty when the hub accepted it, else why not, as a sentence for the row. */
    Optional<String> post(String hub, Map<String, String> form) {
        FormBody.Builder body = new FormBody.Builder(StandardCharsets.UTF_8);
        form.forEach(body::add);
        String text = hub;
        HttpUrl base = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpUrl url = base == null ? HttpUrl.parse(text) : base.resolve(text);
            if (url == null) {
                return Optional.of("the hub URL '" + text + "' is not an http or https URL");
            }
            Optional<String> refusal = guard.refusal(text, base, url);
            if (refusal.isPresent()) {
                return Optional.of("refused hub URL: " + refusal.get());
            }
            Request request = new Request.Builder().url(url).header("User-Agent", userAgent).post(body.build())
                    .build();
            try (Response response = client.newCall(request).execute()) {
                int status = response.code();
                if (status >= 200 && status < 300) {
                    return Optional.empty();
                }
                String location = response.header("Location");
                if ((status == 307 || status == 308) && location != null) {
                    base = url;
                    text = location.strip();
                    continue;
                }
                return Optional.of("the hub " + url + " answered HTTP " + status + reason(response));
            } catch (IOException e) {
                return Optional.of("the hub " + url + " could not be reached: " + e.getMessage());
            }
        }
        return Optional.of("the hub redirected more than " + MAX_REDIRECTS + " times");
    }

    /** The hub's plain-text description of the error (WebSub 5.1.2), its first few hundred bytes. */
    private static String reason(Response response) throws IOException {
        String text = response.peekBody(MAX_ERROR_CHARS).string().strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + text;
    }
}
