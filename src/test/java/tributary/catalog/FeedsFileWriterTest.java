package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tributary.store.CategoryRow;

class FeedsFileWriterTest {

    @Test
    void anEmptyCatalogIsWrittenAsExplicitEmptyListsTheParserReadsBack() throws Exception {
        String yaml = FeedsFileWriter.write(List.of(), List.of(), List.of());

        assertTrue(yaml.contains("\ncategories: []\n") && yaml.endsWith("\nfeeds: []\n"), yaml);
        FeedsFile file = FeedsFileParser.parse(yaml, "export");
        assertTrue(file.categories().isEmpty());
        assertTrue(file.feeds().isEmpty());
    }

    @Test
    void categoriesWithoutFeedsAreReadBackWithAnExplicitEmptyFeedsList() throws Exception {
        CategoryRow category = new CategoryRow(1L, "thoi-su", "Thời sự: trong nước", null, "api", null, 0,
                LocalDateTime.of(2026, 1, 1, 0, 0), null, true);

        String yaml = FeedsFileWriter.write(List.of(category), List.of(), List.of());

        FeedsFile file = FeedsFileParser.parse(yaml, "export");
        assertEquals("Thời sự: trong nước", file.categories().get(0).title());
        assertTrue(file.feeds().isEmpty(), yaml);
    }

    @Test
    void aCategoryWithClusteringOffIsWrittenSoAndReadBackWhileTheDefaultIsLeftOut() throws Exception {
        CategoryRow off = new CategoryRow(1L, "tung-ban", "Từng bản", null, "api", null, 0,
                LocalDateTime.of(2026, 1, 1, 0, 0), null, false);
        CategoryRow on = new CategoryRow(2L, "tong-hop", "Tổng hợp", null, "api", null, 1,
                LocalDateTime.of(2026, 1, 1, 0, 0), null, true);

        String yaml = FeedsFileWriter.write(List.of(off, on), List.of(), List.of());

        assertEquals(1, yaml.split("clustering:", -1).length - 1, yaml);
        FeedsFile file = FeedsFileParser.parse(yaml, "export");
        assertEquals(List.of(false, true), file.categories().stream().map(CategorySpec::clustering).toList());
    }
}
