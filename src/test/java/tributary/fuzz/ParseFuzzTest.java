package tributary.fuzz;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Mutated feed documents (byte flips, truncation, repeated fragments, illegal characters, thousands of entries, deep
 * nesting, DOCTYPEs) through parse → normalize → render: each is refused with a FeedParseException or published as
 * well-formed RSS and Atom and a valid JSON Feed, within InMemoryPipeline.BOUND, and nothing else escapes.
 * Seed and tries: FuzzSettings. A failing mutant's bytes are saved under target/fuzz-failures/.
 */
@AddLifecycleHook(value = FuzzSettings.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ParseFuzzTest {

    private static final List<FuzzSource> FIXTURES = FuzzSource.fixtures();
    private static final List<FuzzSource> CORPUS = FuzzSource.corpus();

    private final InMemoryPipeline pipeline = new InMemoryPipeline();

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void aMutatedFixtureIsRefusedOrPublishedWellFormed(@ForAll("fixtures") FuzzDocument doc) {
        pipeline.check(doc);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(CorpusRequired.class)
    void aMutatedCorpusFileIsRefusedOrPublishedWellFormed(@ForAll("corpus") FuzzDocument doc) {
        pipeline.check(doc);
    }

    @Provide
    Arbitrary<FuzzDocument> fixtures() {
        return Mutations.documents(FIXTURES);
    }

    @Provide
    Arbitrary<FuzzDocument> corpus() {
        return Mutations.documents(CORPUS);
    }
}
