package tributary.ingest;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.IntConsumer;
import tributary.normalize.PublisherSchedule;

/**
 * What a fetch knows about a document and a push or a re-import would not: the HTTP status, the validators to send
 * next time (null when the server sent none or forbade storing), the body's hash (the poller's unchanged-body
 * shortcut compares it next time), and when to poll next. That time depends on the publisher's schedule, which only
 * parsing reveals, so the caller passes the rule and the ingester applies it inside the store transaction.
 * stored, when given, is called inside that transaction too with the number of new items: the poller writes its poll
 * history row there, in the same commit as the items.
 */
public record FetchFacts(int status, String etag, String lastModified, String bodyHash,
                         Function<PublisherSchedule, Instant> nextPoll, @Nullable IntConsumer stored) {

    /** Facts of a fetch whose poll keeps no history. */
    public FetchFacts(int status, String etag, String lastModified, String bodyHash,
                      Function<PublisherSchedule, Instant> nextPoll) {
        this(status, etag, lastModified, bodyHash, nextPoll, null);
    }
}
