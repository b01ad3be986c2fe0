package tributary.admin;

/** A change the API refuses because feeds.yml owns the row: one source of truth per row. */
class ManagedByFileException extends RuntimeException {

    ManagedByFileException(String what, Integer line) {
        super("this " + what + " is managed by feeds.yml" + (line == null ? "" : " (line " + line + ")")
                + ": edit the file");
    }
}
