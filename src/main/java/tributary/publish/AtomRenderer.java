package tributary.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import jakarta.inject.Singleton;
import org.jdom2.Document;
import org.jdom2.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a merged feed as Atom 1.0 with Rome; each entry carries atom:source naming the feed it came from. */
@Singleton
public class AtomRenderer {

    public byte[] render(FeedDocument doc) {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(doc.id());
        feed.setTitle(doc.title());
        if (doc.description() != null) {
            feed.setSubtitle(text(doc.description()));
        }
        // Atom requires an updated date: an empty feed says the epoch rather than a time that moves on every render.
        feed.setUpdated(Date.from(doc.updated() != null ? doc.updated() : Instant.EPOCH));
        feed.setAlternateLinks(new ArrayList<>(List.of(link("alternate", doc.homeUrl(), "text/html"))));
        List<Link> other = new ArrayList<>();
        // The hub is an endpoint, not a document of this type.
        doc.links().forEach((rel, href) -> other.add(link(rel, href,
                rel.equals("hub") ? null : "application/atom+xml")));
        feed.setOtherLinks(other);
        feed.setAuthors(new ArrayList<>(List.of(person("Tributary"))));
        Generator generator = new Generator();
        generator.setValue("Tributary");
        feed.setGenerator(generator);
        feed.setEntries(doc.stories().stream().map(story -> entry(story, doc.language()))
                .collect(Collectors.toCollection(ArrayList::new)));
        try {
            Document xml = new WireFeedOutput().outputJDom(feed);
            if (doc.language() != null) {
                // Rome's Atom generator drops the feed language: say it as xml:lang on the root (RFC 4287 §2).
                xml.getRootElement().setAttribute("lang", doc.language(), Namespace.XML_NAMESPACE);
            }
            return XmlBytes.of(xml, RssRenderer.sizeHint(doc));
        } catch (FeedException e) {
            throw new IllegalStateException("Atom rendering failed for " + doc.selfUrl(), e);
        }
    }

    private static Entry entry(Story story, String language) {
        Entry entry = new Entry();
        entry.setId(StoryIds.urn(story));
        entry.setTitle(story.title() == null ? "" : story.title());
        Instant published = story.published();
        entry.setPublished(Date.from(published));
        entry.setUpdated(Date.from(story.modified() != null ? story.modified() : published));
        if (story.url() != null) {
            entry.setAlternateLinks(new ArrayList<>(List.of(link("alternate", story.url(), "text/html"))));
        }
        if (story.content() != null) {
            entry.setContents(new ArrayList<>(List.of(html(story.content()))));
        }
        String summary = AlsoReported.append(story.content() != null && story.summary() == null ? null
                : story.summary(), story, language);
        if (summary != null) {
            entry.setSummary(html(summary));
        }
        List<Link> related = new ArrayList<>();
        for (StorySource other : AlsoReported.others(story)) {
            Link link = link("related", other.itemUrl(), "text/html");
            link.setTitle(other.feedTitle());
            related.add(link);
        }
        if (!related.isEmpty()) {
            entry.setOtherLinks(related);
        }
        if (story.author() != null) {
            entry.setAuthors(new ArrayList<>(List.of(person(story.author()))));
        }
        entry.setCategories(story.tags().stream().map(AtomRenderer::category)
                .collect(Collectors.toCollection(ArrayList::new)));
        if (!story.sources().isEmpty()) {
            entry.setSource(source(story.sources().get(0)));
        }
        return entry;
    }

    /**
     * RFC 4287 §4.2.11: the origin feed's id, title, links and last update, so readers can credit it (the W3C
     * validator warns on a source without atom:updated).
     */
    private static Feed source(StorySource origin) {
        Feed source = new Feed("atom_1.0");
        source.setId(origin.feedUrl());
        source.setTitle(origin.feedTitle());
        if (origin.updated() != null) {
            source.setUpdated(Date.from(origin.updated()));
        }
        source.setOtherLinks(new ArrayList<>(List.of(link("self", origin.feedUrl(), null))));
        if (origin.siteUrl() != null) {
            source.setAlternateLinks(new ArrayList<>(List.of(link("alternate", origin.siteUrl(), "text/html"))));
        }
        return source;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static Content html(String value) {
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(value);
        return content;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }

    private static Category category(String tag) {
        Category category = new Category();
        category.setTerm(tag);
        return category;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(name);
        return person;
    }
}
