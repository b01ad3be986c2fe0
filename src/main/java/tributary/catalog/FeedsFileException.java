package tributary.catalog;

import java.util.List;

/** feeds.yml was refused; each problem names its line and what to change. */
public class FeedsFileException extends Exception {

    /** One thing wrong in the file. */
    public record Problem(int line, String reason) {
    }

    private final String file;
    private final List<Problem> problems;

    public FeedsFileException(String file, List<Problem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(String file, List<Problem> problems) {
        StringBuilder text = new StringBuilder(file).append(" refused (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (Problem p : problems) {
            text.append("\n  ").append(file).append(':').append(p.line()).append(": ").append(p.reason());
        }
        return text.toString();
    }
}
