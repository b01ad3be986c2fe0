package tributary.cluster;

import java.time.Instant;

/** What clustering needs of an item: who published it (its site), when, and its headline and summary as plain text. */
public record ClusterItem(String id, String site, Instant published, String title, String summary) {

    public ClusterItem {
        title = title == null ? "" : title;
        summary = summary == null ? "" : summary;
    }
}
