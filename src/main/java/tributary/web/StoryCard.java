package tributary.web;

import java.time.Instant;
import java.util.List;

/**
 * A story as the reader pages show it: plain text only (title, lead, source names), an image URL that is http(s) or
 * null, and when it was published (else first stored). Escaping happens where it is written into HTML.
 */
record StoryCard(String title, String url, String lead, String image, Instant time, List<String> sources) {
}
