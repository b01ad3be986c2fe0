package tributary.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MinHash band keys of the items stored lately, in memory: under each key the newest items by date, from which a
 * new item's candidates are chosen. It answers what the band table (story_band, V14–V18) answered: the newest perKey
 * items of each key dated within a range, the newest first, the higher id first among equals. Kept in the JVM because
 * writing 32 rows per item into MariaDB and reading ~50 index ranges per poll were most of clustering's cost at ingest.
 *
 * <p>Bounded: at most capacity items, the earliest added going first when a new one comes (a ring of slots), and at
 * most twice perKey items under a key (a key shared by thousands of items says little about any of them). The second
 * perKey keeps the next newest for when some of the newest are still pending (added by a transaction not committed
 * yet, which a look-up passes over as the database would) or dated after a look-up's range. Memory: per item 16 bytes
 * of id and date, its keys (16 + 8 per key), and per key it is held under 8 bytes of posting and a slot of 12 bytes in
 * a table at most three quarters full; about 1.1–1.5 KB an item with 32 keys ({@link #bytes()} counts it).
 */
public final class BandIndex {

    private static final long EMPTY = Long.MIN_VALUE;
    private static final int NONE = -1;

    private final int capacity;
    private final int perKey;
    private final int keep;

    // Item slots, a ring in the order items were added.
    private final long[] ids;
    private final long[] dates;
    private final long[][] keysOf;
    private final boolean[] pending;
    private int next;
    private int live;
    private final LongIntTable slotById = new LongIntTable();

    // Under each key a list of postings (item slots), the newest first.
    private final LongIntTable headByKey = new LongIntTable();
    private int[] postSlot = new int[64];
    private int[] postNext = new int[64];
    private int postUsed;
    private int freePost = NONE;

    public BandIndex(int capacity, int perKey) {
        if (capacity < 1 || perKey < 1) {
            throw new IllegalArgumentException("a band index holds at least one item and one per key");
        }
        this.capacity = capacity;
        this.perKey = perKey;
        this.keep = 2 * perKey;
        this.ids = new long[capacity];
        this.dates = new long[capacity];
        this.keysOf = new long[capacity][];
        this.pending = new boolean[capacity];
        Arrays.fill(ids, EMPTY);
    }

    /**
     * Adds an item under its keys (the array is kept, not copied); pending until {@link #commit} when its transaction
     * is still open. Answers false, changing nothing, when the item is held already.
     */
    public synchronized boolean add(long id, Instant published, long[] keys, boolean isPending) {
        if (slotById.get(id) != LongIntTable.ABSENT) {
            return false;
        }
        int s = next;
        next = (next + 1) % capacity;
        if (ids[s] != EMPTY) {
            evict(s);
        }
        ids[s] = id;
        dates[s] = published.toEpochMilli();
        keysOf[s] = keys;
        pending[s] = isPending;
        slotById.put(id, s);
        live++;
        for (long key : keys) {
            link(key, s);
        }
        return true;
    }

    /** The items' transaction committed: look-ups see them from now on. */
    public synchronized void commit(Collection<Long> itemIds) {
        for (long id : itemIds) {
            int s = slotById.get(id);
            if (s != LongIntTable.ABSENT) {
                pending[s] = false;
            }
        }
    }

    /** Forgets the items (their transaction rolled back). */
    public synchronized void remove(Collection<Long> itemIds) {
        for (long id : itemIds) {
            int s = slotById.get(id);
            if (s != LongIntTable.ABSENT) {
                evict(s);
            }
        }
    }

    public synchronized boolean holds(long id) {
        return slotById.get(id) != LongIntTable.ABSENT;
    }

    /**
     * Under each of keys, the ids of the newest perKey items dated within [from, to] (not pending), the newest first;
     * keys with none are left out.
     */
    public synchronized Map<Long, List<Long>> newest(Collection<Long> keys, Instant from, Instant to) {
        long low = from.toEpochMilli();
        long high = to.toEpochMilli();
        Map<Long, List<Long>> out = new HashMap<>();
        for (long key : keys) {
            List<Long> found = null;
            for (int p = headByKey.get(key); p != NONE; p = postNext[p]) {
                int s = postSlot[p];
                if (dates[s] < low) {
                    break;
                }
                if (dates[s] <= high && !pending[s]) {
                    found = found == null ? new ArrayList<>(perKey) : found;
                    found.add(ids[s]);
                    if (found.size() == perKey) {
                        break;
                    }
                }
            }
            if (found != null) {
                out.put(key, found);
            }
        }
        return out;
    }

    /** Forgets the items dated before cutoff; answers how many went. */
    public synchronized int expire(Instant cutoff) {
        long before = cutoff.toEpochMilli();
        int gone = 0;
        for (int s = 0; s < capacity; s++) {
            if (ids[s] != EMPTY && dates[s] < before) {
                evict(s);
                gone++;
            }
        }
        return gone;
    }

    /** Items held now. */
    public synchronized int size() {
        return live;
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes of memory the index holds now (its arrays and the keys of the items held), about. */
    public synchronized long bytes() {
        long keyArrays = 0;
        for (int s = 0; s < capacity; s++) {
            if (keysOf[s] != null) {
                keyArrays += 16 + 8L * keysOf[s].length;
            }
        }
        return 21L * capacity + keyArrays + 8L * postSlot.length + slotById.bytes() + headByKey.bytes();
    }

    /** Puts slot s under key in date order, unless keep newer items are there already; the list stays at keep. */
    private void link(long key, int s) {
        int head = headByKey.get(key);
        int prev = NONE;
        int p = head;
        int n = 0;
        while (p != NONE && newer(postSlot[p], s)) {
            prev = p;
            p = postNext[p];
            n++;
        }
        if (n >= keep || p != NONE && postSlot[p] == s) {
            // Older than every item kept, or under this key already (a key repeated in one item's keys).
            return;
        }
        int q = posting(s, p);
        if (prev == NONE) {
            headByKey.put(key, q);
        } else {
            postNext[prev] = q;
        }
        // The list grew by one: past keep, its oldest goes.
        for (int i = n + 1; q != NONE; i++) {
            if (i == keep && postNext[q] != NONE) {
                int dropped = postNext[q];
                postNext[q] = NONE;
                free(dropped);
                break;
            }
            q = postNext[q];
        }
    }

    private void unlink(long key, int s) {
        int prev = NONE;
        for (int p = headByKey.get(key); p != NONE; prev = p, p = postNext[p]) {
            if (postSlot[p] == s) {
                if (prev != NONE) {
                    postNext[prev] = postNext[p];
                } else if (postNext[p] == NONE) {
                    headByKey.remove(key);
                } else {
                    headByKey.put(key, postNext[p]);
                }
                postNext[p] = NONE;
                free(p);
                return;
            }
        }
    }

    private void evict(int s) {
        for (long key : keysOf[s]) {
            unlink(key, s);
        }
        slotById.remove(ids[s]);
        ids[s] = EMPTY;
        keysOf[s] = null;
        live--;
    }

    private boolean newer(int a, int b) {
        return dates[a] > dates[b] || dates[a] == dates[b] && ids[a] > ids[b];
    }

    private int posting(int slot, int nextPosting) {
        int p;
        if (freePost != NONE) {
            p = freePost;
            freePost = postNext[p];
        } else {
            if (postUsed == postSlot.length) {
                postSlot = Arrays.copyOf(postSlot, postSlot.length * 2);
                postNext = Arrays.copyOf(postNext, postNext.length * 2);
            }
            p = postUsed++;
        }
        postSlot[p] = slot;
        postNext[p] = nextPosting;
        return p;
    }

    /** Returns a posting (and those after it, a chain ending in NONE) to the free list. */
    private void free(int p) {
        while (p != NONE) {
            int after = postNext[p];
            postNext[p] = freePost;
            freePost = p;
            p = after;
        }
    }
}
