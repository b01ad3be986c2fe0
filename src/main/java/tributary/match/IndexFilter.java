package tributary.match;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an item's index tokens ({@link IndexTerms}) hold when a query may match it: a tree of tokens, all and any.
 * Every item the query matches satisfies it, and so does every item it matches with any part of an {@link All}
 * left out, which lets the store keep only its cheapest parts, and put words for word pieces, before rendering it as
 * a MariaDB FULLTEXT boolean-mode {@link #expression()}.
 */
public sealed interface IndexFilter {

    /** One index token. prefix: any token that starts with it (token*). */
    record Token(String token, boolean prefix) implements IndexFilter {
    }

    /**
     * A piece of a word (NFC, folded as RegexLiterals.fold): the word's end (end) or anywhere in it. No token holds
     * it; the store asks its vocabulary for the whole words holding it and so for their tokens (store.SearchWords).
     */
    record Fragment(String piece, boolean end) implements IndexFilter {
    }

    /**
     * A regex every match of which lies inside one word ({@link InWordRegex}) and that has no literal to ask for: the
     * store asks the vocabulary for the words it is found in. Equal by the regex's text.
     */
    record WordPattern(Pattern pattern) implements IndexFilter {
        @Override
        public boolean equals(Object o) {
            return o instanceof WordPattern other && other.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** Holds for no item: the index holds no token starting with zq (IndexToken). */
    Token NOTHING = new Token("zqnothing", false);

    /** Every part holds. */
    record All(List<IndexFilter> parts) implements IndexFilter {
        public All {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds. */
    record Any(List<IndexFilter> parts) implements IndexFilter {
        public Any {
            parts = List.copyOf(parts);
        }
    }

    /** All of the parts, a null part holding for every item; null when none narrows. */
    static IndexFilter all(List<IndexFilter> parts) {
        Set<IndexFilter> flat = new LinkedHashSet<>();
        for (IndexFilter part : parts) {
            if (part instanceof All all) {
                flat.addAll(all.parts());
            } else if (part != null) {
                flat.add(part);
            }
        }
        if (flat.isEmpty()) {
            return null;
        }
        return flat.size() == 1 ? flat.iterator().next() : new All(new ArrayList<>(flat));
    }

    /** Any of the parts; null (holds for every item) when a part is null or there is none. */
    static IndexFilter any(List<IndexFilter> parts) {
        Set<IndexFilter> flat = new LinkedHashSet<>();
        for (IndexFilter part : parts) {
            if (part == null) {
                return null;
            }
            if (part instanceof Any any) {
                flat.addAll(any.parts());
            } else {
                flat.add(part);
            }
        }
        if (flat.isEmpty()) {
            return null;
        }
        return flat.size() == 1 ? flat.iterator().next() : new Any(new ArrayList<>(flat));
    }

    /** The MariaDB FULLTEXT boolean-mode expression: +required terms, (a group) needing one of its items. */
    default String expression() {
        if (this instanceof All all) {
            return all.parts().stream().map(p -> "+" + operand(p)).collect(Collectors.joining(" "));
        }
        return "+" + operand(this);
    }

    private static String operand(IndexFilter f) {
        if (f instanceof Token t) {
            return t.token() + (t.prefix() ? "*" : "");
        }
        if (f instanceof Fragment || f instanceof WordPattern) {
            throw new IllegalStateException("A word's piece is asked as the words holding it: " + f);
        }
        if (f instanceof All all) {
            return all.parts().stream().map(p -> "+" + operand(p)).collect(Collectors.joining(" ", "(", ")"));
        }
        return ((Any) f).parts().stream().map(IndexFilter::operand).collect(Collectors.joining(" ", "(", ")"));
    }
}
