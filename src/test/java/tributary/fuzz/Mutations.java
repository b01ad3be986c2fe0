package tributary.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** The mutators as jqwik arbitraries, and fuzz documents built from sources with one to three of them. */
final class Mutations {

    /** Upper bounds that keep one mutant within a few MB: huge for a feed, small for the machine. */
    static final int MAX_REPEATS = 5_000;
    static final int MAX_ENTRY_COPIES = 5_000;
    static final int MAX_DEPTH = 50_000;

    private Mutations() {
    }

    static Arbitrary<FuzzDocument> documents(List<FuzzSource> sources) {
        // No edge cases for the source: they would pick the first and last file over and over.
        return Combinators.combine(Arbitraries.of(sources).withoutEdgeCases(), any().list().ofMinSize(1).ofMaxSize(3))
                .as(FuzzDocument::new);
    }

    static Arbitrary<Mutation> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, byteFlips()),
                Tuple.of(2, truncations()),
                Tuple.of(2, repeatedFragments()),
                Tuple.of(4, illegalCharacters()),
                Tuple.of(2, duplicatedEntries()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, doctypes()));
    }

    static Arbitrary<Mutation> byteFlips() {
        return Combinators.combine(positions(), Arbitraries.integers().between(1, 255)).as(Mutation.ByteFlip::new);
    }

    static Arbitrary<Mutation> truncations() {
        return positions().map(Mutation.Truncate::new);
    }

    static Arbitrary<Mutation> repeatedFragments() {
        return Combinators.combine(positions(), Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(2, MAX_REPEATS)).as(Mutation.RepeatFragment::new);
    }

    static Arbitrary<Mutation> illegalCharacters() {
        return Combinators.combine(positions(), Arbitraries.of(Mutation.Anchor.class),
                Arbitraries.of(Mutation.IllegalChar.class), Arbitraries.of(Mutation.Form.class))
                .as(Mutation.InsertIllegal::new);
    }

    static Arbitrary<Mutation> duplicatedEntries() {
        return Arbitraries.integers().between(2, MAX_ENTRY_COPIES).map(Mutation.DuplicateEntries::new);
    }

    static Arbitrary<Mutation> deepNesting() {
        return Combinators.combine(positions(), Arbitraries.integers().between(100, MAX_DEPTH))
                .as(Mutation.DeepNesting::new);
    }

    static Arbitrary<Mutation> doctypes() {
        return Arbitraries.of(Mutation.Doctype.class).map(Mutation.InsertDoctype::new);
    }

    private static Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }
}
