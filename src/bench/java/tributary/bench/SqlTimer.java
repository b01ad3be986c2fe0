package tributary.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The reference of bench/search.sh: times SQL statements straight to MariaDB over one JDBC connection (each run
 * executes the statement and reads every row), so a plain indexed LIKE is measured the way the app reads, without a
 * client process per query. Run as a single source file with the application jar on the class path:
 * {@code java -cp target/tributary-*.jar src/bench/java/tributary/bench/SqlTimer.java <jdbc-url> <runs> <seconds> <label=sql>...}.
 * Prints one line per statement: label, runs, rows of the last run, then p50 p95 p99 max in ms.
 */
public final class SqlTimer {

    private SqlTimer() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        int runs = Integer.parseInt(args[1]);
        long budgetNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        try (Connection c = DriverManager.getConnection(url)) {
            for (int a = 3; a < args.length; a++) {
                int eq = args[a].indexOf('=');
                String label = args[a].substring(0, eq);
                String sql = args[a].substring(eq + 1);
                try (Statement st = c.createStatement()) {
                    for (int w = 0; w < 3; w++) {
                        rows(st, sql);
                    }
                    double[] ms = new double[runs];
                    int done = 0;
                    int rows = 0;
                    long end = System.nanoTime() + budgetNanos;
                    while (done < runs && (done < 5 || System.nanoTime() < end)) {
                        long t0 = System.nanoTime();
                        rows = rows(st, sql);
                        ms[done++] = (System.nanoTime() - t0) / 1e6;
                    }
                    double[] got = Arrays.copyOf(ms, done);
                    Arrays.sort(got);
                    System.out.printf("%s %d %d %.2f %.2f %.2f %.2f%n", label, done, rows, pct(got, 50), pct(got, 95),
                            pct(got, 99), got[done - 1]);
                }
            }
        }
    }

    private static int rows(Statement st, String sql) throws SQLException {
        int n = 0;
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rs.getString(1);
                n++;
            }
        }
        return n;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
