package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The primitive table gives what a HashMap gives, through growth and removals that shift entries back. */
class LongIntTableTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void answersAsAHashMapDoes(boolean sequentialKeys) {
        Random random = new Random(11);
        LongIntTable table = new LongIntTable();
        Map<Long, Integer> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // A small key space, so that keys collide, come back and go again.
            long key = sequentialKeys ? random.nextInt(5000) : random.nextInt(5000) * 0x9E3779B97F4A7C15L;
            if (random.nextInt(3) == 0) {
                table.remove(key);
                expected.remove(key);
            } else {
                int value = random.nextInt(1000);
                table.put(key, value);
                expected.put(key, value);
            }
        }
        assertEquals(expected.size(), table.size());
        for (int k = 0; k < 5000; k++) {
            long key = sequentialKeys ? k : k * 0x9E3779B97F4A7C15L;
            assertEquals(expected.getOrDefault(key, LongIntTable.ABSENT), table.get(key), "key " + key);
        }
    }
}
