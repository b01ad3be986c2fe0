package tributary.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tributary.catalog.CatalogLoader;

/** Readiness before the first feeds.yml reconcile, and the log format TRIBUTARY_LOG_FORMAT selects in logback.xml. */
class ReadinessAndLogFormatTest {

    @Test
    void notReadyBeforeTheFirstReconcileWithAReasonSaid() {
        // A loader whose start-up reconcile has not run yet: nothing else of it is touched.
        CatalogReadinessIndicator indicator = new CatalogReadinessIndicator(new CatalogLoader(null, null, null));
        HealthResult result = Mono.from(indicator.getResult()).block();
        assertEquals(HealthStatus.DOWN, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals(false, details.get("feedsFileReconciled"));
        assertTrue(String.valueOf(details.get("reason")).contains("still starting"));
    }

    @Test
    void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
        ConsoleAppender<?> appender = configured("json");
        assertInstanceOf(JsonEncoder.class, appender.getEncoder());
        LoggerContext context = (LoggerContext) appender.getContext();
        Logger logger = context.getLogger("tributary.poll.FeedPoller");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "Feed #{} {}: {}", null, new Object[] {7, "https://example.vn/rss/thoi-su.rss", "HTTP 503"});
        @SuppressWarnings("unchecked")
        byte[] line = ((ch.qos.logback.core.encoder.Encoder<LoggingEvent>) (Object) appender.getEncoder()).encode(event);
        JsonNode json = new ObjectMapper().readTree(new String(line, StandardCharsets.UTF_8));
        assertEquals("WARN", json.get("level").asText());
        assertEquals("Feed #7 https://example.vn/rss/thoi-su.rss: HTTP 503", json.get("formattedMessage").asText());
        assertEquals(1, new String(line, StandardCharsets.UTF_8).strip().lines().count());
        context.stop();
    }

    @Test
    void textIsTheDefaultFormat() throws Exception {
        ConsoleAppender<?> appender = configured(null);
        assertInstanceOf(LayoutWrappingEncoder.class, appender.getEncoder());
        ((LoggerContext) appender.getContext()).stop();
    }

    /** The main logback.xml in a fresh context, with TRIBUTARY_LOG_FORMAT set as a context property (or not). */
    private static ConsoleAppender<?> configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("TRIBUTARY_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ReadinessAndLogFormatTest.class.getResource("/logback.xml"));
        var appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        ConsoleAppender<?> appender = (ConsoleAppender<?>) appenders.next();
        assertEquals(format == null ? "text" : format, appender.getName());
        assertTrue(!appenders.hasNext(), "one appender");
        return appender;
    }
}
