package tributary.cluster;

import java.util.Arrays;

/**
 * A map of long to non-negative int in two primitive arrays (open addressing, linear probing, deletion by shifting
 * back): the band index holds some 32 keys per item, and a HashMap of boxed longs would take four times the memory.
 * 12 bytes a slot, at most three quarters of the slots used.
 */
final class LongIntTable {

    static final int ABSENT = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int shift;

    LongIntTable() {
        allocate(16);
    }

    int size() {
        return size;
    }

    /** Bytes held by the arrays, for the index's own account of its memory. */
    long bytes() {
        return 12L * keys.length;
    }

    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                return ABSENT;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** Sets key to value (0 or more). */
    void put(long key, int value) {
        int mask = keys.length - 1;
        int i = slot(key);
        while (values[i] != ABSENT && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == ABSENT) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
        if (size > keys.length / 4 * 3) {
            grow();
        }
    }

    void remove(long key) {
        int mask = keys.length - 1;
        int hole = slot(key);
        while (values[hole] != ABSENT && keys[hole] != key) {
            hole = (hole + 1) & mask;
        }
        if (values[hole] == ABSENT) {
            return;
        }
        // Entries after the hole that probed past it move back, so no look-up stops early at the emptied slot.
        for (int j = (hole + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = ABSENT;
        size--;
    }

    private int slot(long key) {
        // Fibonacci hashing: item ids come in sequence, band keys are already spread.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void allocate(int slots) {
        keys = new long[slots];
        values = new int[slots];
        Arrays.fill(values, ABSENT);
        shift = 64 - Integer.numberOfTrailingZeros(slots);
    }
}
