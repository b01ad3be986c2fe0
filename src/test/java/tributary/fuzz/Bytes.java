package tributary.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers of the mutators: splicing, searching, and finding a document's first entry without parsing it. */
final class Bytes {

    /** The most one mutation adds: huge for a feed (the parser's own cap is 10 MB), still quick to generate. */
    static final int MAX_GROWTH = 1024 * 1024;

    private Bytes() {
    }

    static byte[] splice(byte[] doc, int at, byte[] insert) {
        byte[] out = new byte[doc.length + insert.length];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(doc, at, out, at + insert.length, doc.length - at);
        return out;
    }

    static byte[] repeat(byte[] fragment, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(fragment);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] doc, byte b, int from) {
        for (int i = Math.max(0, from); i < doc.length; i++) {
            if (doc[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] doc, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= doc.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (doc[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** True when the first non-blank byte is '{', as FeedParser decides. */
    static boolean isJson(byte[] doc) {
        for (byte b : doc) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && (b & 0xff) != 0xEF && (b & 0xff) != 0xBB
                    && (b & 0xff) != 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** Where the root element starts: after the XML declaration and leading comments; 0 when none is found. */
    static int rootElementStart(byte[] doc) {
        int i = 0;
        while (true) {
            int lt = indexOf(doc, (byte) '<', i);
            if (lt < 0 || lt + 1 >= doc.length) {
                return 0;
            }
            byte next = doc[lt + 1];
            if (next != '?' && next != '!') {
                return lt;
            }
            int gt = indexOf(doc, (byte) '>', lt);
            if (gt < 0) {
                return 0;
            }
            i = gt + 1;
        }
    }

    /** [start, end) of the first &lt;item&gt; or &lt;entry&gt; element, or of the first object in "items"; null when none. */
    static int[] firstEntry(byte[] doc) {
        return isJson(doc) ? firstJsonItem(doc) : firstXmlEntry(doc);
    }

    private static int[] firstXmlEntry(byte[] doc) {
        for (String name : new String[] {"item", "entry"}) {
            int start = indexOf(doc, ("<" + name).getBytes(StandardCharsets.US_ASCII), 0);
            while (start >= 0 && start + name.length() + 1 < doc.length) {
                byte after = doc[start + name.length() + 1];
                if (after == '>' || after == ' ' || after == '\n' || after == '\r' || after == '\t') {
                    break;
                }
                start = indexOf(doc, ("<" + name).getBytes(StandardCharsets.US_ASCII), start + 1);
            }
            if (start < 0 || start + name.length() + 1 >= doc.length) {
                continue;
            }
            byte[] close = ("</" + name + ">").getBytes(StandardCharsets.US_ASCII);
            int end = indexOf(doc, close, start);
            if (end >= 0) {
                return new int[] {start, end + close.length};
            }
        }
        return null;
    }

    private static int[] firstJsonItem(byte[] doc) {
        int items = indexOf(doc, "\"items\"".getBytes(StandardCharsets.US_ASCII), 0);
        if (items < 0) {
            return null;
        }
        int bracket = indexOf(doc, (byte) '[', items);
        int start = bracket < 0 ? -1 : indexOf(doc, (byte) '{', bracket);
        if (start < 0) {
            return null;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < doc.length; i++) {
            byte b = doc[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{') {
                depth++;
            } else if (b == '}' && --depth == 0) {
                return new int[] {start, i + 1};
            }
        }
        return null;
    }
}
