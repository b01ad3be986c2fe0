package tributary.store;

import java.util.List;

/** The story hashes of one page, newest first, and where the next page starts (null on the last page). */
public record StoryPage(List<String> storyHashes, PageCursor next) {
}
