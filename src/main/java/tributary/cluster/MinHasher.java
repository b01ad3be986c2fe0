package tributary.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * MinHash over an item's content syllables, cut into bands: two items whose syllable sets are alike share a band key
 * with high probability, so candidates are found by equal keys (an index), not by comparing with every stored item.
 * With 2 rows a band, a pair of Jaccard likeness j shares one of b bands with probability 1 - (1 - j²)^b.
 */
final class MinHasher {

    private final int bands;
    private final int rows;

    MinHasher(int bands, int rows) {
        this.bands = bands;
        this.rows = rows;
    }

    /** One key per band; a band's key mixes its number so that equal keys of two bands never meet. */
    long[] bandKeys(Set<String> syllables) {
        int hashes = bands * rows;
        long[] min = new long[hashes];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (String s : syllables) {
            long base = fnv(s);
            for (int h = 0; h < hashes; h++) {
                long v = mix(base + 0x9E3779B97F4A7C15L * (h + 1));
                if (v < min[h]) {
                    min[h] = v;
                }
            }
        }
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long key = band;
            for (int r = 0; r < rows; r++) {
                key = mix(key * 31 + min[band * rows + r]);
            }
            keys[band] = key;
        }
        return keys;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: a cheap, well-spread bijection. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
