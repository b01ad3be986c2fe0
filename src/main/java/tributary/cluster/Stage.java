package tributary.cluster;

/** Where in the life of a news event a headline stands; two reports of one event share it unless one says nothing. */
public enum Stage {
    /** Nothing said: agrees with every stage. */
    NONE,
    /** Before the fact: a preview, a schedule, "sắp", "sẽ". */
    AHEAD,
    /** The fact done: a result, a winner, "đã kết thúc". */
    DONE,
    /** One side accuses or claims. */
    CLAIM,
    /** The other side answers a claim. */
    ANSWER
}
