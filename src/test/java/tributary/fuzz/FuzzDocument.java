package tributary.fuzz;

import java.util.List;

/** A fuzz case as a recipe: a source document and the mutations applied to it in order; prints as the recipe. */
record FuzzDocument(FuzzSource source, List<Mutation> mutations) {

    byte[] bytes() {
        byte[] doc = source.bytes();
        for (Mutation mutation : mutations) {
            doc = mutation.apply(doc);
        }
        return doc;
    }

    String contentType() {
        return source.contentType();
    }

    /** A file name for the mutant that keeps the source's extension, so a saved copy is served the same way. */
    String fileName() {
        String name = source.name();
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String extension = dot > slash ? name.substring(dot) : "";
        return name.substring(slash + 1, dot > slash ? dot : name.length()) + "-"
                + Integer.toHexString(toString().hashCode()) + extension;
    }

    @Override
    public String toString() {
        return source.name() + " " + mutations;
    }
}
