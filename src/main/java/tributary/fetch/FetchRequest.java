package tributary.fetch;

import java.net.URI;

/** What to fetch, with the validators of the last successful fetch (null when none). */
public record FetchRequest(URI url, String etag, String lastModified) {
}
