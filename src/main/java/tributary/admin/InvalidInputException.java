package tributary.admin;

import java.util.List;
import tributary.publish.Problems;

/** A request whose fields are invalid: every problem, answered as one 400 problem+json. */
class InvalidInputException extends RuntimeException {

    private final List<Problems.FieldError> errors;

    InvalidInputException(List<Problems.FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    List<Problems.FieldError> errors() {
        return errors;
    }
}
