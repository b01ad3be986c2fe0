package tributary.hub;

/** A subscription request the hub refuses at once (WebSub §5.1: a 4xx or 5xx with the reason as plain text). */
class HubRefusedException extends Exception {

    private final int status;

    HubRefusedException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
