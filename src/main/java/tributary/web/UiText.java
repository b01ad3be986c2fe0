package tributary.web;

/**
 * Every word the reader pages say, in each language: one table, so a translation is one line and none is forgotten.
 * Entries with %s or %d are format patterns.
 */
enum UiText {
    SITE_TAGLINE("Tin tức tổng hợp từ các nguồn", "News merged from many sources"),
    SKIP_TO_CONTENT("Bỏ qua, đến nội dung chính", "Skip to main content"),
    NAV_LABEL("Chuyên mục", "Categories"),
    FRONT_TITLE("Tin mới theo chuyên mục", "Latest news by category"),
    ALL_TITLE("Tất cả tin", "All news"),
    ALL_DESCRIPTION("Mọi tin của mọi nguồn, gộp lại", "Every story of every feed, merged"),
    TOPIC("Chủ đề: %s", "Topic: %s"),
    MORE_OF("Xem tất cả tin %s", "All stories in %s"),
    NO_STORIES("Chưa có tin.", "No stories yet."),
    SUBSCRIBE("Theo dõi:", "Subscribe:"),
    SUBSCRIBE_ALL("Theo dõi tất cả bằng OPML", "Subscribe to everything (OPML)"),
    SOURCES("Nguồn:", "Source:"),
    OLDER("Tin cũ hơn", "Older stories"),
    NEWEST("Tin mới nhất", "Newest stories"),
    FRONT_PAGE("Trang chủ", "Front page"),
    NOT_FOUND_TITLE("Không có chuyên mục này", "No such category"),
    NOT_FOUND_TEXT("Không có chuyên mục hay chủ đề nào tên “%s”. Các chuyên mục có ở trang chủ.",
            "There is no category or topic called “%s”. The front page lists them all."),
    BAD_CURSOR_TITLE("Trang không hợp lệ", "Bad page address"),
    BAD_CURSOR_TEXT("Địa chỉ trang tin cũ hơn này không đúng; hãy bắt đầu lại từ trang đầu.",
            "This older-page address is not one we made; start again from the first page."),
    BAD_CLUSTERS_TEXT("Tham số clusters chỉ nhận on (gộp các bản của cùng một tin) hoặc off (mỗi bản một mục).",
            "clusters takes on (one entry per story) or off (every publisher's copy its own entry), once."),
    FOOTER("Tributary gộp tin từ các nguồn RSS, Atom và JSON Feed; bài viết thuộc về các báo đã đăng.",
            "Tributary merges RSS, Atom and JSON feeds; each article belongs to the site that published it."),
    JUST_NOW("vừa xong", "just now"),
    MINUTE_AGO("1 phút trước", "1 minute ago"),
    MINUTES_AGO("%d phút trước", "%d minutes ago"),
    HOUR_AGO("1 giờ trước", "1 hour ago"),
    HOURS_AGO("%d giờ trước", "%d hours ago"),
    DAY_AGO("1 ngày trước", "1 day ago"),
    DAYS_AGO("%d ngày trước", "%d days ago"),
    DATE_PATTERN("dd/MM/yyyy", "d MMM yyyy"),
    DATE_TIME_PATTERN("HH:mm, dd/MM/yyyy", "d MMM yyyy, HH:mm");

    private final String vi;
    private final String en;

    UiText(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    String in(UiLanguage language) {
        return language == UiLanguage.VI ? vi : en;
    }

    /** The entry as a format pattern filled with the arguments. */
    String in(UiLanguage language, Object... arguments) {
        return in(language).formatted(arguments);
    }
}
