package tributary.match;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules and queries parsed once and kept by their text, for those that apply them over and over (ingest to every
 * document, publish to every render); at most MAX_ENTRIES texts, forgotten all at once past that.
 */
@Singleton
public class RuleCache {

    private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);

    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Optional<Query>> parsed = new ConcurrentHashMap<>();

    /** The parsed query; empty when it does not parse (it was checked when saved, so this only logs). */
    public Optional<Query> get(String text) {
        Optional<Query> known = parsed.get(text);
        if (known != null) {
            return known;
        }
        Optional<Query> query;
        try {
            query = Optional.of(Query.parse(text));
        } catch (QuerySyntaxException e) {
            // Saved rules were checked when saved: this is a rule an older grammar took. It is skipped, not fatal.
            LOG.warn("Rule or query \"{}\" is skipped: {}", text, e.getMessage());
            query = Optional.empty();
        }
        if (parsed.size() >= MAX_ENTRIES) {
            parsed.clear();
        }
        parsed.put(text, query);
        return query;
    }

    /** The rules of a list that parse, in order. */
    public RuleList list(List<String> texts) {
        if (texts.isEmpty()) {
            return RuleList.EMPTY;
        }
        List<Query> rules = new ArrayList<>(texts.size());
        for (String text : texts) {
            get(text).ifPresent(rules::add);
        }
        return new RuleList(rules);
    }
}
