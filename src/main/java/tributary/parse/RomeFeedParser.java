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
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import tributary.common.Causes;

/**
 * Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome from the tree XmlDocumentReader built (charset, repairs,
 * DOCTYPE refused, items past max-items pruned), keeping each entry's date text as written; the whole document shares
 * one time budget.
 */
@Singleton
public class RomeFeedParser {

    private final XmlDocumentReader xml;

    public RomeFeedParser(XmlDocumentReader xml) {
        this.xml = xml;
    }

    public ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
        ParseBudget budget = xml.budget();
        XmlDocumentReader.Read read = xml.read(body, contentType, budget);
        org.jdom2.Document document = read.document();
        SyndFeed feed;
        FeedTreeRepairer.repair(document);
        try {
            SyndFeedInput input = new SyndFeedInput();
            // Keeps the RSS channel, whose ttl, skipHours and skipDays SyndFeed does not carry.
            input.setPreserveWireFeed(true);
            feed = input.build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed: " + Causes.rootMessage(e)
                    + " (root element <" + document.getRootElement().getName() + ">)", e);
        } catch (RuntimeException e) {
            // Rome has unchecked failures on odd but well-formed input; it is still this document's error.
            throw new FeedParseException("Rome could not read this " + document.getRootElement().getName()
                    + " document: " + e, e);
        }
        budget.checkDocument();
        List<EntryMarkupReader.RawEntry> raw = EntryMarkupReader.read(document);
        // Rome keeps document order; should a module ever add or drop an entry, the raw markup is not trusted.
        boolean aligned = raw.size() == feed.getEntries().size();
        List<ParsedItem> items = new ArrayList<>();
        for (int i = 0; i < feed.getEntries().size(); i++) {
            items.add(item(feed.getEntries().get(i), aligned ? raw.get(i) : EntryMarkupReader.RawEntry.NONE));
        }
        return new ParsedFeed(feed.getFeedType(), feed.getTitle(), feed.getLink(), feed.getDescription(),
                feed.getLanguage(), items, schedule(feed), Math.max(read.itemsInDocument(), items.size()),
                FeedLinksReader.read(document));
    }

    private static ParsedItem item(SyndEntry entry, EntryMarkupReader.RawEntry raw) {
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
                tags, enclosure, instant(entry.getPublishedDate()), instant(entry.getUpdatedDate()), raw.published(),
                raw.updated(), raw.base());
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
