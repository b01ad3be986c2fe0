package tributary.fuzz;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a fuzz property over the shared corpus, saying why, when ../shared/corpus is not there. */
public class CorpusRequired implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return FuzzSource.corpusPresent() ? SkipResult.doNotSkip()
                : SkipResult.skip("Skipped: the shared corpus is not at " + FuzzSource.CORPUS
                        + " (expected ../shared/corpus next to the project folder)");
    }
}
