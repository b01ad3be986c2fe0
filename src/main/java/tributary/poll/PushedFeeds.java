package tributary.poll;

import java.time.Duration;
import tributary.store.FeedRow;

/**
 * What the push side says about a feed's polling: while a hub pushes its changes, it is polled less often (still
 * polled, so a silent hub loses nothing). Implemented where subscriptions live, so poll never imports them.
 */
public interface PushedFeeds {

    /** The poll interval while a hub pushes this feed; null when none does. */
    Duration intervalWhilePushed(FeedRow feed);
}
