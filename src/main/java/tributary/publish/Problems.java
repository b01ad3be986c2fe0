package tributary.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 9457 problem answers: a title and a sentence a person can act on. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The body of a problem answer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String title, int status, String detail) {
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, String title, String detail) {
        return HttpResponse.<Problem>status(status).body(new Problem(title, status.getCode(), detail))
                .contentType(MEDIA_TYPE);
    }
}
