package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** The outcome of a poll an admin asked for: result is updated, not_modified, failed, gone or rate_limited. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollView(String result, int inserted, int updated, String message) {
}
