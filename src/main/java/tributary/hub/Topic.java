package tributary.hub;

import tributary.publish.FeedFormat;

/** One of our feeds as a WebSub topic: the URL the subscriber named, and the first page it stands for. */
record Topic(String url, String slug, FeedFormat format, String base) {
}
