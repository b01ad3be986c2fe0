package tributary.web;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.imageio.ImageIO;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The reader pages' fixture news: two Vietnamese sections that share one story (Tuổi Trẻ and Thanh Niên, with
 * pictures served by the fixture server), a block rule, and a long generated feed for paging.
 */
final class ReaderFixtures {

    /** Stories of the generated sports feed: more than one river page. */
    static final int SPORTS_ITEMS = 45;
    static final String SHARED_TITLE = "Hà Nội thông xe cầu Tứ Liên sớm hai tháng";
    static final String SHARED_SOURCES = "Tuổi Trẻ – Thời sự · Thanh Niên – Thời sự";
    static final String BLOCKED_TITLE = "[Quảng cáo] Mua căn hộ ven sông";

    private ReaderFixtures() {
    }

    /** Serves the feeds and their pictures, and returns the feeds.yml that names them. */
    static String serve(FixtureFeedServer fixtures) {
        String images = fixtures.address("/img");
        for (String name : new String[] {"tuoitre-thoi-su.rss", "thanhnien-thoi-su.rss"}) {
            byte[] feed = resource("/feeds/reader/" + name).replace("{{images}}", images)
                    .getBytes(StandardCharsets.UTF_8);
            fixtures.serve("/reader/" + name, request -> new FixtureFeedServer.Answer(200,
                    "application/rss+xml; charset=utf-8", feed));
        }
        fixtures.serve("/reader/the-thao.rss", request -> new FixtureFeedServer.Answer(200,
                "application/rss+xml; charset=utf-8", sports(images).getBytes(StandardCharsets.UTF_8)));
        Map<String, Color> colours = Map.of("cau", new Color(0x2f6f9f), "xang", new Color(0xc0612b),
                "mua", new Color(0x4b6b3c), "hoi-bao", new Color(0x9c2f4f), "bong-da", new Color(0x1f7a4d));
        fixtures.serveUnder("/img/", request -> {
            String name = request.path().substring("/img/".length()).replaceAll("\\.[a-z]+$", "");
            Color colour = colours.getOrDefault(name.replaceAll("-\\d+$", ""), new Color(0x555555));
            return new FixtureFeedServer.Answer(200, "image/png", picture(colour, name));
        });
        return """
                categories:
                  - title: Thời sự
                    description: Tin trong nước
                    block: ["quảng cáo"]
                  - title: Thể thao
                  - title: Công nghệ
                    description: Khoa học và công nghệ
                topics:
                  - title: Hà Nội
                    query: "hà nội"
                feeds:
                  - url: %s
                    categories: [thoi-su]
                  - url: %s
                    categories: [thoi-su]
                  - url: %s
                    categories: [the-thao]
                """.formatted(fixtures.address("/reader/tuoitre-thoi-su.rss"),
                fixtures.address("/reader/thanhnien-thoi-su.rss"), fixtures.address("/reader/the-thao.rss"));
    }

    /** Item i is published i × 20 minutes before the test clock's start; every third has a picture. */
    private static String sports(String images) {
        StringBuilder rss = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Bóng Đá Plus – Thể thao</title>
                <link>https://bongda.example/</link><description>Thể thao</description><language>vi</language>
                """);
        for (int i = 1; i <= SPORTS_ITEMS; i++) {
            rss.append("<item><title>Vòng ").append(i).append(" V-League: đội chủ nhà thắng sát nút</title>")
                    .append("<link>https://bongda.example/v-league-").append(i).append(".html</link>")
                    .append("<guid isPermaLink=\"false\">bd-").append(i).append("</guid>")
                    .append("<description>Trận đấu thứ ").append(i)
                    .append(" diễn ra sôi nổi trên sân Hàng Đẫy trước hàng nghìn cổ động viên.</description>");
            if (i % 3 == 1) {
                rss.append("<enclosure url=\"").append(images).append("/bong-da-").append(i)
                        .append(".png\" type=\"image/png\" length=\"4000\"/>");
            }
            rss.append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    TestClock.START.minus(Duration.ofMinutes(20L * i)).atZone(java.time.ZoneOffset.UTC)))
                    .append("</pubDate></item>\n");
        }
        return rss.append("</channel></rss>\n").toString();
    }

    private static String resource(String path) {
        try (InputStream in = ReaderFixtures.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 480×320 picture: a diagonal gradient of the colour with a few soft shapes, like a news photo's blur. */
    static byte[] picture(Color colour, String seed) {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, colour.brighter(), 480, 320, colour.darker()));
        g.fillRect(0, 0, 480, 320);
        int h = Math.abs(seed.hashCode());
        g.setColor(new Color(255, 255, 255, 60));
        g.fillOval(40 + h % 200, 40 + h % 90, 180, 180);
        g.setColor(new Color(0, 0, 0, 50));
        g.fillRect(0, 230, 480, 90);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
