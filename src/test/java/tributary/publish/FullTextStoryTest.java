package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tributary.store.StoredItem;

/** How a story's content and summary come out when copies carry an article from their page (full text). */
class FullTextStoryTest {

    private static final Instant T = Instant.parse("2026-01-28T10:00:00Z");

    private static StoredItem copy(long feed, String summary, String content, String article) {
        return new StoredItem(feed, feed, "s", "g" + feed, "https://site.example/a", "Bài", summary, content, article,
                null, List.of(), null, null, null, T, T, null, "https://site.example/" + feed + ".rss", null, null, T);
    }

    @Test
    void theArticleIsTheContentAndTheFeedsSummaryTheSummary() {
        Story story = StoryAssembler.merge("s", List.of(copy(1, "<p>Tóm tắt</p>", null, "<p>Bài đầy đủ</p>")));
        assertEquals("<p>Bài đầy đủ</p>", story.content());
        assertEquals("<p>Tóm tắt</p>", story.summary());
    }

    @Test
    void aFeedWithoutSummaryHasItsOwnContentAsTheSummary() {
        Story story = StoryAssembler.merge("s", List.of(copy(1, null, "<p>Đoạn đầu</p>", "<p>Bài đầy đủ</p>")));
        assertEquals("<p>Bài đầy đủ</p>", story.content());
        assertEquals("<p>Đoạn đầu</p>", story.summary());
    }

    @Test
    void anotherCopysArticleServesTheStoryTheFirstCopySpeaksFor() {
        Story story = StoryAssembler.merge("s", List.of(copy(1, "<p>Tóm tắt</p>", null, null),
                copy(2, "<p>Khác</p>", null, "<p>Bài đầy đủ</p>")));
        assertEquals("<p>Bài đầy đủ</p>", story.content());
        assertEquals("<p>Tóm tắt</p>", story.summary());
    }

    @Test
    void withoutAnArticleTheFeedsTextIsPublishedAsBefore() {
        Story story = StoryAssembler.merge("s", List.of(copy(1, "<p>Tóm tắt</p>", "<p>Nội dung</p>", null)));
        assertEquals("<p>Nội dung</p>", story.content());
        assertEquals("<p>Tóm tắt</p>", story.summary());
    }
}
