package tributary.publish;

/** The public id of a story: derived from its story hash only, so it never changes when sources come and go. */
final class StoryIds {

    private StoryIds() {
    }

    static String urn(Story story) {
        return "urn:tributary:story:" + story.id();
    }
}
