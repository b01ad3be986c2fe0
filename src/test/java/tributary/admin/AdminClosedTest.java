package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** With no admin token configured, every admin route and method is closed with 503 and a way out; feeds stay public. */
@MicronautTest(transactional = false)
class AdminClosedTest {

    @Inject
    EmbeddedServer server;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET,/admin/feeds", "POST,/admin/feeds", "GET,/admin/feeds/1", "PUT,/admin/feeds/1",
            "DELETE,/admin/feeds/1", "POST,/admin/feeds/1/refresh", "GET,/admin/categories", "POST,/admin/categories",
            "PUT,/admin/categories/x", "DELETE,/admin/categories/x", "GET,/admin/export/feeds.yml",
            "GET,/admin/export/opml", "POST,/admin/import/opml", "GET,/admin/status", "HEAD,/admin/feeds",
            "OPTIONS,/admin/feeds", "GET,/admin", "GET,/admin/no-such-route"})
    void everyAdminRouteAnswers503SayingHowToSetAToken(String method, String path) throws Exception {
        HttpResponse<String> response = new AdminHttp(server.getURL().toString(), null)
                .send(method, path, method.equals("POST") || method.equals("PUT") ? "{}" : null, "application/json",
                        "anything");
        assertEquals(503, response.statusCode(), method + " " + path);
        if (!method.equals("HEAD")) {
            assertTrue(response.body().contains("TRIBUTARY_ADMIN_TOKEN"), response.body());
        }
    }

    @Test
    void publicFeedsStayPublic() throws Exception {
        assertEquals(200, new AdminHttp(server.getURL().toString(), null).send("GET", "/feeds", null, null, null)
                .statusCode());
    }
}
