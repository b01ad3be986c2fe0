package tributary.support;

/** The three publishers' clustering fixture feeds (Thanh Niên, VnExpress, Tuổi Trẻ; real items) in one category. */
public final class ClusterPublishers {

    private ClusterPublishers() {
    }

    /** feeds.yml text: category tong-hop with the three feeds, served by fixtures. */
    public static String feedsYml(FixtureFeedServer fixtures) {
        return """
                categories:
                  - title: Tổng hợp
                feeds:
                  - url: %s
                    categories: [tong-hop]
                  - url: %s
                    categories: [tong-hop]
                  - url: %s
                    categories: [tong-hop]
                """.formatted(fixtures.url("cluster-thanhnien.rss"), fixtures.url("cluster-vnexpress.rss"),
                fixtures.url("cluster-tuoitre.rss"));
    }
}
