package tributary.hub;

/**
 * A checked subscription request (WebSub §5.1): mode is subscribe or unsubscribe, leaseSeconds already fitted to
 * the settings, secret null when none was given.
 */
record HubRequest(String mode, Topic topic, String callback, String callbackHost, long leaseSeconds, byte[] secret) {

    static final String SUBSCRIBE = "subscribe";
    static final String UNSUBSCRIBE = "unsubscribe";

    boolean subscribe() {
        return SUBSCRIBE.equals(mode);
    }
}
