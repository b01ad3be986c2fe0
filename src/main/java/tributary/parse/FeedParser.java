package tributary.parse;

import jakarta.inject.Singleton;

/** Hands a fetched document to the parser of its format: JSON Feed when it is a JSON object, Rome otherwise. */
@Singleton
public class FeedParser {

    private final RomeFeedParser rome;
    private final JsonFeedParser json;
    private final BodyDecoder decoder;

    public FeedParser(RomeFeedParser rome, JsonFeedParser json, ParseConfig config) {
        this.rome = rome;
        this.json = json;
        this.decoder = new BodyDecoder(config.maxDocumentBytes());
    }

    /** Parses body bytes; contentType is the HTTP header (may be null) and decides the charset with the XML prolog. */
    public ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
        if (body.length == 0) {
            throw new FeedParseException("the server answered an empty document");
        }
        // A gzip body served without Content-Encoding must be opened before its first byte can say JSON or XML.
        byte[] plain = decoder.gunzipIfCompressed(body);
        return startsWithBrace(plain) ? json.parse(plain) : rome.parse(plain, contentType);
    }

    private static boolean startsWithBrace(byte[] body) {
        for (int i = 0; i < body.length && i < 1024; i++) {
            int b = body[i] & 0xff;
            if (b == '{') {
                return true;
            }
            // Skip whitespace and a UTF-8 byte order mark.
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                return false;
            }
        }
        return false;
    }
}
