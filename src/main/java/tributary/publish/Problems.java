package tributary.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem answers: a title and a sentence a person can act on. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The body of a problem answer; errors lists each invalid field of a request, when there are some. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String title, int status, String detail, List<FieldError> errors) {
    }

    /** One invalid field: its name, the value sent, and what is allowed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String value, String reason) {
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, String title, String detail) {
        return HttpResponse.<Problem>status(status).body(new Problem(title, status.getCode(), detail, null))
                .contentType(MEDIA_TYPE);
    }

    /** 400 for a request whose fields are invalid, naming every one of them. */
    public static MutableHttpResponse<Problem> invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("");
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST)
                .body(new Problem("Invalid request", 400, detail, List.copyOf(errors))).contentType(MEDIA_TYPE);
    }
}
