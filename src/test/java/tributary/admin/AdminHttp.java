package tributary.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A raw HTTP client for admin tests: any method, any headers, the answer as text. */
final class AdminHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    AdminHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String body, String contentType, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null, token);
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return send("POST", path, json, "application/json", token);
    }

    HttpResponse<String> put(String path, String json) throws Exception {
        return send("PUT", path, json, "application/json", token);
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send("DELETE", path, null, null, token);
    }
}
