package tributary.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tributary.support.FixtureFeedServer;
import tributary.support.FixtureFeedServer.Answer;

/**
 * The shared corpus as answers of the fixture server, byte for byte, with the HTTP headers a case's "Header:" comment
 * lines ask for (Content-Type with its charset, ETag, Content-Location, …), else a Content-Type by extension.
 */
final class CorpusFiles {

    private static final Pattern HEADER = Pattern.compile("(?m)^\\s*Header:\\s*([A-Za-z][A-Za-z-]*)\\s*:\\s*(.*?)\\s*$");

    private static final Map<String, String> TYPES = Map.of("json", "application/feed+json",
            "atom", "application/atom+xml", "rss", "application/rss+xml", "opml", "text/x-opml");

    private CorpusFiles() {
    }

    /** A fixture server answering /relative/path with that file below root. */
    static FixtureFeedServer server(Path root) {
        return new FixtureFeedServer(FixtureFeedServer.directory(root, CorpusFiles::answer));
    }

    /** The headers a case simulates, as name and value pairs. */
    static List<String[]> simulatedHeaders(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        List<String[]> headers = new ArrayList<>();
        Matcher m = HEADER.matcher(head);
        while (m.find()) {
            headers.add(new String[] {m.group(1), m.group(2)});
        }
        return headers;
    }

    private static Answer answer(Path file) {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String[]> simulated = simulatedHeaders(body);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String[] header : simulated) {
            headers.put(header[0], header[1]);
        }
        return new Answer(200, simulated.isEmpty() ? byExtension(file.getFileName().toString()) : null, body, headers);
    }

    private static String byExtension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(n.substring(n.lastIndexOf('.') + 1), "application/xml");
    }
}
