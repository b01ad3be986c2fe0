package tributary.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the clusterer on the labelled set under src/test/resources/clustering: pairwise precision and recall over
 * pairs of items from different sites, per split, and the share of hard negatives kept apart. Runnable
 * (bench/clustering.sh) and used by {@link ClusterEvaluationTest}.
 */
public final class ClusterEvaluation {

    record Labelled(ClusterItem item, String split, String event, String story) {
    }

    record Score(String name, int truePositives, int falsePositives, int falseNegatives, List<String> mistakes) {

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        String line() {
            return String.format(Locale.ROOT, "%-9s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)", name,
                    precision(), recall(), truePositives, falsePositives, falseNegatives);
        }
    }

    record HardNegatives(int pairs, int judgedSame, int clusteredTogether, List<String> mistakes) {

        String line() {
            return String.format(Locale.ROOT, "hard negatives: %d pairs, %d judged one event by the rule (precision on "
                    + "them %.3f), %d put in one cluster", pairs, judgedSame, 1 - (double) judgedSame / pairs,
                    clusteredTogether);
        }
    }

    private ClusterEvaluation() {
    }

    static List<Labelled> items() throws IOException {
        List<Labelled> out = new ArrayList<>();
        for (String[] row : rows("items.tsv")) {
            ClusterItem item = new ClusterItem(row[0], row[4], OffsetDateTime.parse(row[5]).toInstant(), row[6], row[7]);
            out.add(new Labelled(item, row[1], row[2], row[3]));
        }
        return out;
    }

    static List<String[]> hardNegativePairs() throws IOException {
        return rows("hard-negatives.tsv");
    }

    private static List<String[]> rows(String file) throws IOException {
        try (InputStream in = ClusterEvaluation.class.getResourceAsStream("/clustering/" + file)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String[]> out = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    out.add(lines[i].split("\t", -1));
                }
            }
            return out;
        }
    }

    /** Clusters every item in order of publication, as ingest would, and returns item id → cluster id. */
    static Map<String, String> cluster(List<Labelled> items, ClusterConfig config) {
        List<Labelled> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing(l -> l.item().published()));
        StoryClusterer clusterer = new StoryClusterer(config);
        for (Labelled l : ordered) {
            clusterer.add(l.item());
        }
        return clusterer.clusters();
    }

    static Score score(String split, List<Labelled> items, Map<String, String> clusters) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> mistakes = new ArrayList<>();
        List<Labelled> in = items.stream().filter(l -> split == null || l.split().equals(split)).toList();
        for (int i = 0; i < in.size(); i++) {
            for (int j = i + 1; j < in.size(); j++) {
                Labelled a = in.get(i);
                Labelled b = in.get(j);
                if (a.item().site().equals(b.item().site())) {
                    continue;
                }
                boolean gold = a.story().equals(b.story());
                boolean fair = !gold && a.event().equals(b.event());
                boolean predicted = clusters.get(a.item().id()).equals(clusters.get(b.item().id()));
                if (gold && predicted) {
                    tp++;
                } else if (gold) {
                    fn++;
                    mistakes.add("missed " + a.item().id() + "/" + b.item().id() + ": "
                            + StoryClusterer.judge(a.item(), b.item()).reason());
                } else if (predicted && !fair) {
                    fp++;
                    mistakes.add("joined " + a.item().id() + "/" + b.item().id());
                }
            }
        }
        return new Score(split == null ? "all" : split, tp, fp, fn, mistakes);
    }

    static HardNegatives hardNegatives(List<Labelled> items, Map<String, String> clusters) throws IOException {
        Map<String, ClusterItem> byId = new LinkedHashMap<>();
        items.forEach(l -> byId.put(l.item().id(), l.item()));
        int same = 0;
        int together = 0;
        List<String> mistakes = new ArrayList<>();
        List<String[]> pairs = hardNegativePairs();
        for (String[] pair : pairs) {
            Verdict v = StoryClusterer.judge(byId.get(pair[0]), byId.get(pair[1]));
            if (v.same()) {
                same++;
                mistakes.add(pair[0] + "/" + pair[1] + " (" + pair[2] + ")");
            }
            if (clusters.get(pair[0]).equals(clusters.get(pair[1]))) {
                together++;
            }
        }
        return new HardNegatives(pairs.size(), same, together, mistakes);
    }

    /** Usage: [-v] [--bands B --rows R] (another shape of the band index than ClusterConfig.DEFAULTS, to compare). */
    public static void main(String[] args) throws IOException {
        List<Labelled> items = items();
        List<String> options = List.of(args);
        ClusterConfig config = ClusterConfig.DEFAULTS;
        if (options.contains("--bands")) {
            config = config.withBands(Integer.parseInt(options.get(options.indexOf("--bands") + 1)),
                    Integer.parseInt(options.get(options.indexOf("--rows") + 1)));
        }
        Map<String, String> clusters = cluster(items, config);
        boolean verbose = options.contains("-v");
        System.out.println("items: " + items.size() + ", window " + config.window().toHours() + " h, bands "
                + config.bands() + " x " + config.rows() + ", the newest " + config.perKey() + " per key, at most "
                + config.maxCandidates() + " candidates");
        for (String split : new String[] {"dev", "heldout", null}) {
            Score s = score(split, items, clusters);
            System.out.println(s.line());
            if (verbose) {
                s.mistakes().forEach(m -> System.out.println("   " + m));
            }
        }
        HardNegatives hn = hardNegatives(items, clusters);
        System.out.println(hn.line());
        if (verbose) {
            hn.mistakes().forEach(m -> System.out.println("   " + m));
        }
    }
}
