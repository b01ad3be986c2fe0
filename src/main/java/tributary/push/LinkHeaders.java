package tributary.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 Link header values: the targets whose rel (one of a space-separated list) is the one asked for. */
final class LinkHeaders {

    /** One link-value: <target> then parameters up to the next comma outside quotes. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,=]+(?:=(?:\"[^\"]*\"|[^;,]*))?)*)");
    private static final Pattern REL = Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

    private LinkHeaders() {
    }

    static List<String> targets(List<String> headers, String rel) {
        List<String> targets = new ArrayList<>();
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher relation = REL.matcher(link.group(2));
                if (!relation.find()) {
                    continue;
                }
                String rels = relation.group(1) != null ? relation.group(1) : relation.group(2);
                for (String one : rels.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (one.equals(rel)) {
                        targets.add(link.group(1).strip());
                        break;
                    }
                }
            }
        }
        return targets;
    }
}
