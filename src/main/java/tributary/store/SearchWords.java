package tributary.store;

import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tributary.match.IndexFilter;
import tributary.match.IndexTerms;

/**
 * The vocabulary of the search index (table search_word, V18): every word of the stored items with the index token
 * that finds it, so a regex holding only a piece of a word is asked of the FULLTEXT index as the whole words holding
 * that piece. Ingest adds an item's words in the transaction that stores it, skipping words it knows are there.
 */
@Singleton
public class SearchWords {

    /**
     * Words a piece may stand for: past this the piece is common (a syllable's end shared by thousands of words), its
     * words' entries are most of the index, and the search reads rows instead.
     */
    static final int MAX_WORDS = 128;

    /**
     * Words a regex without literals is run on at most (RE2 in Java, about a microsecond a word): past it reading
     * the vocabulary would cost more than the page's own rows.
     */
    static final int MAX_SCANNED = 200_000;

    /** Rows the driver fetches at a time while the vocabulary is read through. */
    private static final int SCAN_FETCH = 2_000;

    /** Chars of a word kept whole; a longer word keeps its start here and is a candidate for every inner piece. */
    static final int WORD_CHARS = 255;

    /** Chars of a word's end kept, read backwards: a longer end piece is not looked up. */
    static final int END_CHARS = 64;

    /**
     * Words known to be in the table, so ingest writes only new ones: news repeats a vocabulary of some thousands of
     * words. At most KNOWN, forgotten all at once past it (then written again, which INSERT IGNORE makes harmless).
     */
    static final int KNOWN = 100_000;

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final int knownLimit;

    /** Set once the words of every item stored before V18 are in (SearchBackfill.fillWords). */
    private volatile boolean complete;

    @Inject
    public SearchWords() {
        this(KNOWN);
    }

    /** With another bound on the words remembered (tests). */
    SearchWords(int knownLimit) {
        this.knownLimit = knownLimit;
    }

    /** How many words it remembers as written. */
    int knownCount() {
        return known.size();
    }

    /**
     * Adds words (IndexTerms.words) in the transaction of status, those not known to be there; they are known once
     * it commits (a rolled-back item may be stored again later, and its words with it).
     */
    public void add(Connection c, TransactionStatus<?> status, Set<String> words) throws SQLException {
        Set<String> fresh = new TreeSet<>();
        for (String word : words) {
            if (!known.contains(word)) {
                fresh.add(word);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        insert(c, fresh);
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (known.size() + fresh.size() > knownLimit) {
                    known.clear();
                }
                known.addAll(fresh);
            }
        });
    }

    /**
     * Writes words, sorted: concurrent polls write overlapping words, and taking their locks in one order keeps them
     * from deadlocking. IGNORE: a word another poll wrote first is the same row.
     */
    static void insert(Connection c, Set<String> words) throws SQLException {
        if (words.isEmpty()) {
            return;
        }
        Set<String> sorted = words instanceof TreeSet ? words : new TreeSet<>(words);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO search_word (word, token, reversed, whole) VALUES (?, ?, ?, ?)")) {
            for (String word : sorted) {
                int chars = word.codePointCount(0, word.length());
                ps.setString(1, chars <= WORD_CHARS ? word : word.substring(0, word.offsetByCodePoints(0, WORD_CHARS)));
                ps.setString(2, IndexTerms.wordToken(word));
                String end = chars <= END_CHARS ? word : word.substring(word.offsetByCodePoints(0, chars - END_CHARS));
                ps.setString(3, backwards(end));
                ps.setBoolean(4, chars <= WORD_CHARS);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The filter with each piece of a word replaced by what {@link #resolve} answers for it; a piece it cannot answer
     * leaves its All (which then needs less) or makes its Any hold for every item. Null when nothing is left.
     */
    public IndexFilter words(Connection c, IndexFilter filter) throws SQLException {
        if (filter instanceof IndexFilter.Fragment fragment) {
            return resolve(c, fragment);
        }
        if (filter instanceof IndexFilter.WordPattern pattern) {
            return resolve(c, pattern);
        }
        if (filter instanceof IndexFilter.All all) {
            List<IndexFilter> parts = new ArrayList<>();
            for (IndexFilter part : all.parts()) {
                parts.add(words(c, part));
            }
            return IndexFilter.all(parts);
        }
        if (filter instanceof IndexFilter.Any any) {
            List<IndexFilter> parts = new ArrayList<>();
            for (IndexFilter part : any.parts()) {
                IndexFilter resolved = words(c, part);
                if (resolved == null) {
                    return null;
                }
                parts.add(resolved);
            }
            return IndexFilter.any(parts);
        }
        return filter;
    }

    /**
     * What the index is asked for a piece of a word: any token of the words holding it, NOTHING when no word does;
     * null when it cannot be answered (the vocabulary not complete yet, or more than MAX_WORDS words).
     */
    public IndexFilter resolve(Connection c, IndexFilter.Fragment fragment) throws SQLException {
        if (!complete(c)) {
            return null;
        }
        String piece = fragment.piece();
        String sql;
        String pattern;
        if (fragment.end()) {
            if (piece.codePointCount(0, piece.length()) > END_CHARS) {
                return null;
            }
            sql = "SELECT DISTINCT token FROM search_word WHERE reversed LIKE ? ESCAPE '!' LIMIT " + (MAX_WORDS + 1);
            pattern = escape(backwards(piece)) + "%";
        } else {
            // A piece inside a word is found by reading the whole vocabulary; a word cut short may hold it past its cut.
            sql = "SELECT DISTINCT token FROM search_word WHERE word LIKE ? ESCAPE '!' OR NOT whole LIMIT "
                    + (MAX_WORDS + 1);
            pattern = "%" + escape(piece) + "%";
        }
        Set<String> tokens = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(rs.getString(1));
                }
            }
        }
        return anyOf(tokens);
    }

    /**
     * What the index is asked for a regex found only inside words: any token of the words it is found in (the
     * vocabulary read through, in Java: the regex runs on RE2, never on the database's engine), NOTHING when none is;
     * null when the vocabulary is not complete or larger than MAX_SCANNED, or more than MAX_WORDS words hold it.
     */
    public IndexFilter resolve(Connection c, IndexFilter.WordPattern regex) throws SQLException {
        if (!complete(c)) {
            return null;
        }
        Set<String> tokens = new LinkedHashSet<>();
        int scanned = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT word, token, whole FROM search_word LIMIT "
                + (MAX_SCANNED + 1))) {
            ps.setFetchSize(SCAN_FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (++scanned > MAX_SCANNED) {
                        return null;
                    }
                    // A word cut short may hold a match past its cut.
                    if ((!rs.getBoolean(3) || regex.pattern().matcher(rs.getString(1)).find())
                            && tokens.add(rs.getString(2)) && tokens.size() > MAX_WORDS) {
                        return null;
                    }
                }
            }
        }
        return anyOf(tokens);
    }

    /** Any of the words' tokens; NOTHING when there is none, null past MAX_WORDS. */
    private static IndexFilter anyOf(Set<String> tokens) {
        if (tokens.size() > MAX_WORDS) {
            return null;
        }
        if (tokens.isEmpty()) {
            return IndexFilter.NOTHING;
        }
        List<IndexFilter> found = new ArrayList<>();
        tokens.forEach(t -> found.add(new IndexFilter.Token(t, false)));
        return IndexFilter.any(found);
    }

    /**
     * Whether the words of every stored item are in: asked of the database (one row) until it answers yes, which then
     * stands, as ingest writes the words of every item since V18.
     */
    public boolean complete(Connection c) throws SQLException {
        if (complete) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT done FROM search_word_fill WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            complete = rs.next() && rs.getBoolean(1);
        }
        return complete;
    }

    /** Forgets what it knows (tests that empty the tables). */
    void forget() {
        known.clear();
        complete = false;
    }

    private static String escape(String piece) {
        return piece.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The string read backwards by code point (a letter outside the BMP stays one letter). */
    static String backwards(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
