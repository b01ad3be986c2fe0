package tributary.publish;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.rss.Source;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Renders a merged feed as RSS 2.0 with Rome: atom:link self, guid per story, dc:creator, source per item. */
@Singleton
public class RssRenderer {

    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    /** About the size of the page, so the output buffer grows rarely: stories' text plus markup. */
    static int sizeHint(FeedDocument doc) {
        long chars = 2048;
        for (Story story : doc.stories()) {
            chars += 512 + length(story.title()) + length(story.summary()) + length(story.content());
        }
        return (int) Math.min(chars * 5 / 4, 64L << 20);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    public byte[] render(FeedDocument doc) {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(doc.title());
        channel.setLink(doc.homeUrl());
        channel.setDescription(doc.description() == null ? doc.title() : doc.description());
        channel.setGenerator("Tributary");
        channel.setLanguage(doc.language());
        channel.setTtl(doc.ttlMinutes());
        if (doc.updated() != null) {
            channel.setLastBuildDate(Date.from(doc.updated()));
            channel.setPubDate(Date.from(doc.updated()));
        }
        // RFC 5005 paging: readers that want history follow rel="next", and rel="first" leads back.
        List<Element> links = new ArrayList<>();
        doc.links().forEach((rel, href) -> links.add(atomLink(rel, href)));
        channel.setForeignMarkup(links);
        channel.setItems(doc.stories().stream().map(story -> item(story, doc.language()))
                .collect(Collectors.toCollection(ArrayList::new)));
        try {
            return XmlBytes.of(new WireFeedOutput().outputJDom(channel), sizeHint(doc));
        } catch (FeedException e) {
            throw new IllegalStateException("RSS rendering failed for " + doc.selfUrl(), e);
        }
    }

    private static Element atomLink(String rel, String href) {
        Element link = new Element("link", ATOM);
        link.setAttribute("href", href);
        link.setAttribute("rel", rel);
        // The hub is an endpoint, not a document of this type.
        if (!rel.equals("hub")) {
            link.setAttribute("type", "application/rss+xml");
        }
        return link;
    }

    private static Category category(String tag) {
        Category category = new Category();
        category.setValue(tag);
        return category;
    }

    private static Item item(Story story, String language) {
        Item item = new Item();
        item.setTitle(story.title());
        item.setLink(story.url());
        Guid guid = new Guid();
        guid.setValue(StoryIds.urn(story));
        guid.setPermaLink(false);
        item.setGuid(guid);
        String description = AlsoReported.append(story.summary() != null ? story.summary() : story.content(), story,
                language);
        if (description != null) {
            Description d = new Description();
            d.setType("text/html");
            d.setValue(description);
            item.setDescription(d);
        }
        if (story.content() != null) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(story.content());
            item.setContent(content);
        }
        if (story.published() != null) {
            item.setPubDate(Date.from(story.published()));
        }
        item.setCategories(story.tags().stream().map(RssRenderer::category)
                .collect(Collectors.toCollection(ArrayList::new)));
        if (story.enclosureUrl() != null) {
            Enclosure enclosure = new Enclosure();
            enclosure.setUrl(story.enclosureUrl());
            enclosure.setType(story.enclosureType() == null ? "application/octet-stream" : story.enclosureType());
            enclosure.setLength(story.enclosureLength() == null ? 0 : story.enclosureLength());
            item.setEnclosures(new ArrayList<>(List.of(enclosure)));
        }
        if (!story.sources().isEmpty()) {
            StorySource first = story.sources().get(0);
            Source source = new Source();
            source.setUrl(first.feedUrl());
            source.setValue(first.feedTitle());
            item.setSource(source);
        }
        // The other publishers' copies of a clustered story, as links a reader can follow.
        List<Element> related = new ArrayList<>();
        for (StorySource other : AlsoReported.others(story)) {
            Element link = new Element("link", ATOM);
            link.setAttribute("href", other.itemUrl());
            link.setAttribute("rel", "related");
            link.setAttribute("title", other.feedTitle());
            related.add(link);
        }
        if (!related.isEmpty()) {
            item.setForeignMarkup(related);
        }
        List<Module> modules = new ArrayList<>();
        if (story.author() != null) {
            DCModule dc = new DCModuleImpl();
            dc.setCreator(story.author());
            modules.add(dc);
        }
        item.setModules(modules);
        return item;
    }
}
