package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import tributary.store.StoryClusters;

/**
 * A story cluster as GET /admin/clusters/{id} shows it: its entry id in the outputs, its story hash, and its copies;
 * after a split, split_off lists the entry ids of the stories given back (empty otherwise).
 */
@Serdeable
public record ClusterView(String id, @JsonProperty("story_hash") String storyHash, List<MemberView> members,
                          @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("split_off") List<String> splitOff) {

    /** One copy: own_id is the entry id it has with ?clusters=off (and gets back when split off). */
    @Serdeable
    public record MemberView(@JsonProperty("item_id") long itemId, @JsonProperty("feed_id") long feedId,
                             @JsonProperty("feed_title") String feedTitle, String site, String title, String url,
                             Instant published, @JsonProperty("speaks_for_story") boolean speaks, boolean joined,
                             @JsonProperty("own_id") String ownId) {
    }

    static ClusterView of(StoryClusters.Cluster cluster, List<String> splitOff) {
        List<MemberView> members = cluster.members().stream().map(m -> new MemberView(m.itemId(), m.feedId(),
                m.feedTitle(), m.site(), m.title(), m.url(), m.published(), m.speaks(), m.ownStory() != null,
                ClusterIds.urn(m.ownStory() != null ? m.ownStory() : cluster.story()))).toList();
        return new ClusterView(ClusterIds.urn(cluster.story()), cluster.story(), members,
                splitOff.stream().map(ClusterIds::urn).toList());
    }
}
