package tributary.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import tributary.match.IndexFilter;

/**
 * What a search asks the FULLTEXT index: the cheapest parts of a query's index filter, and how many entries the index
 * lists for them. InnoDB reads each token's whole posting list, so "sếu đầu" costs the index đầu's list (half the
 * table at 1,000,000 items) when sếu's alone (a few hundred entries) already names every candidate; the query's own
 * test then checks the rest. Leaving a part of an All out only widens the candidates, never loses a match.
 *
 * @param filter      what to ask the index
 * @param listedRows  about how many entries it lists for it
 */
public record IndexPlan(IndexFilter filter, long listedRows) {

    /**
     * A part listing this few entries is kept beside a cheaper one: reading it costs a few ms and it narrows the
     * rows joined and sorted after the index.
     */
    static final long ALONGSIDE_ROWS = 1_000;

    /**
     * The plan for a filter whose word pieces are resolved (SearchWords.words), given the entries each token lists;
     * null when nothing usable is left (then the walk reads rows as they come).
     */
    static IndexPlan of(IndexFilter filter, ToLongFunction<IndexFilter.Token> rows) {
        if (filter == null || filter instanceof IndexFilter.Fragment || filter instanceof IndexFilter.WordPattern) {
            return null;
        }
        if (filter instanceof IndexFilter.Token token) {
            return new IndexPlan(token, rows.applyAsLong(token));
        }
        if (filter instanceof IndexFilter.Any any) {
            // Every alternative is needed: one that cannot be asked means any item may match.
            List<IndexFilter> parts = new ArrayList<>();
            long listed = 0;
            for (IndexFilter part : any.parts()) {
                IndexPlan plan = of(part, rows);
                if (plan == null) {
                    return null;
                }
                parts.add(plan.filter());
                listed += plan.listedRows();
            }
            return new IndexPlan(new IndexFilter.Any(parts), listed);
        }
        List<IndexPlan> plans = new ArrayList<>();
        for (IndexFilter part : ((IndexFilter.All) filter).parts()) {
            IndexPlan plan = of(part, rows);
            if (plan != null) {
                plans.add(plan);
            }
        }
        if (plans.isEmpty()) {
            return null;
        }
        plans.sort(Comparator.comparingLong(IndexPlan::listedRows));
        long keep = Math.max(ALONGSIDE_ROWS, plans.get(0).listedRows());
        List<IndexFilter> parts = new ArrayList<>();
        long listed = 0;
        for (IndexPlan plan : plans) {
            if (parts.isEmpty() || plan.listedRows() <= keep) {
                parts.add(plan.filter());
                listed += plan.listedRows();
            }
        }
        return new IndexPlan(parts.size() == 1 ? parts.get(0) : new IndexFilter.All(parts), listed);
    }

    /** The MariaDB FULLTEXT boolean-mode expression to ask. */
    public String expression() {
        return filter.expression();
    }
}
