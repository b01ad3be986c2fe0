package tributary.parse;

import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;

/** Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome; DOCTYPEs stay refused (Rome's default), so no entity is expanded. */
@Singleton
public class RomeFeedParser {

    public ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
        SyndFeed feed;
        // XmlReader applies the HTTP charset, the BOM and the XML prolog in the order RFC 7303 gives.
        try (XmlReader reader = contentType == null
                ? new XmlReader(new ByteArrayInputStream(body), true)
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            // Keeps the RSS channel, whose ttl, skipHours and skipDays SyndFeed does not carry.
            input.setPreserveWireFeed(true);
            feed = input.build(reader);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new FeedParseException("cannot decode the document: " + rootMessage(e), e);
        }
        List<ParsedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(item(entry));
        }
        return new ParsedFeed(feed.getFeedType(), feed.getTitle(), feed.getLink(), feed.getDescription(),
                feed.getLanguage(), items, schedule(feed));
    }

    private static ParsedItem item(SyndEntry entry) {
        String content = null;
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = c.getValue();
                break;
            }
        }
        String summary = entry.getDescription() == null ? null : entry.getDescription().getValue();
        List<String> tags = new ArrayList<>();
        for (SyndCategory category : entry.getCategories()) {
            if (category.getName() != null && !category.getName().isBlank()) {
                tags.add(category.getName());
            }
        }
        ParsedEnclosure enclosure = null;
        for (SyndEnclosure e : entry.getEnclosures()) {
            if (e.getUrl() != null) {
                enclosure = new ParsedEnclosure(e.getUrl(), e.getType(), e.getLength() > 0 ? e.getLength() : null);
                break;
            }
        }
        return new ParsedItem(entry.getUri(), link(entry), entry.getTitle(), summary, content, author(entry),
                tags, enclosure, instant(entry.getPublishedDate()), instant(entry.getUpdatedDate()));
    }

    private static String link(SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink();
        }
        for (SyndLink l : entry.getLinks()) {
            if (l.getHref() != null && (l.getRel() == null || "alternate".equals(l.getRel()))) {
                return l.getHref();
            }
        }
        return null;
    }

    private static String author(SyndEntry entry) {
        if (entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            return entry.getAuthor();
        }
        for (SyndPerson p : entry.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                return p.getName();
            }
        }
        return null;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The publisher's polling hints; Rome parses sy: for RSS 1.0 and Atom only, so RSS 2.0 has it as foreign markup. */
    private static ParsedSchedule schedule(SyndFeed feed) {
        Integer ttl = null;
        List<Integer> skipHours = List.of();
        List<String> skipDays = List.of();
        List<Element> foreign = feed.getForeignMarkup();
        if (feed.originalWireFeed() instanceof Channel channel) {
            ttl = channel.getTtl() > 0 ? channel.getTtl() : null;
            skipHours = channel.getSkipHours() == null ? List.of() : List.copyOf(channel.getSkipHours());
            skipDays = channel.getSkipDays() == null ? List.of() : List.copyOf(channel.getSkipDays());
            foreign = channel.getForeignMarkup();
        }
        String period = null;
        Integer frequency = null;
        if (feed.getModule(SyModule.URI) instanceof SyModule sy) {
            period = sy.getUpdatePeriod();
            frequency = sy.getUpdateFrequency() > 0 ? sy.getUpdateFrequency() : null;
        }
        for (Element element : foreign == null ? List.<Element>of() : foreign) {
            if (SyModule.URI.equals(element.getNamespaceURI())) {
                if ("updatePeriod".equals(element.getName()) && period == null) {
                    period = element.getTextTrim();
                } else if ("updateFrequency".equals(element.getName()) && frequency == null) {
                    try {
                        frequency = Integer.valueOf(element.getTextTrim());
                    } catch (NumberFormatException ignored) {
                        // A frequency we cannot read is no hint at all.
                    }
                }
            }
        }
        return new ParsedSchedule(ttl, period, frequency, skipHours, skipDays);
    }
}
