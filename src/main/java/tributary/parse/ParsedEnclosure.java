package tributary.parse;

/** A media attachment as the source feed names it; type and length may be null. */
public record ParsedEnclosure(String url, String type, Long length) {
}
