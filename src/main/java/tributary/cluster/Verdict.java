package tributary.cluster;

/** Whether two items report one event, with the likeness measured and the rule that decided, for tests and admins. */
public record Verdict(boolean same, double likeness, String reason) {
}
