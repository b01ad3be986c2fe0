package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClustersParamTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "<none>|on",
            "on|on",
            "off|off",
            "OFF|off",
            "' Off '|off",
            "off,off|off",
            "off,OFF|off",
            "on,on|on",
            "off,on|refused",
            "''|refused",
            "maybe|refused",
            "0|refused",
            "false|refused",
            "on,|refused"})
    void readsOnAndOffInAnyCaseAndRefusesTheRest(String given, String expected) {
        List<String> values = given.equals("<none>") ? List.of() : Arrays.asList(given.split(",", -1));
        Optional<Boolean> off = ClustersParam.off(values);
        assertEquals(expected, off.map(o -> o ? "off" : "on").orElse("refused"));
    }
}
