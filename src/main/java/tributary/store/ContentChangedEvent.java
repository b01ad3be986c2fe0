package tributary.store;

/** Published when stored content changed: feedId names the feed whose items changed, null means anything may have. */
public record ContentChangedEvent(Long feedId) {
}
