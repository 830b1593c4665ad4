import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the benchmarks of JMH JSON results with their ratio to a baseline of the same run.
 * Single-file program: {@code java Ratios.java [--ref NAME]... [LABEL=]FILE...}.
 *
 * <p>Several files (runs) make one table with a {@code run} column ({@code LABEL}, else the file name);
 * every pairing below is made within one file, never across runs.
 *
 * <p>The baseline of a benchmark is a benchmark of the same class whose name starts with "baseline",
 * run in the same mode, chosen in this order: same transport word and same thread count (the first
 * camel-case word after the first: {@code rpcTcp} and {@code rpcTcpClients8} pair with
 * {@code baselineTcp…}, {@code rpcUnix} with {@code baselineUnix…}), then same transport word, then —
 * for a benchmark that names no transport of a baseline ({@code rmiNull}, {@code grpcUnary}: peers that
 * only speak TCP) — the class's {@code baselineTcp…}, then any baseline of the class
 * ({@code decideCached} → {@code baselineMapLookup}). A baseline's own parameters must match the
 * benchmark's where both have them.
 *
 * <p>{@code median}: the median of the measurement iterations' scores; in sample mode (which keeps a
 * histogram, not iterations) the median of all sampled operations, JMH's p0.50.
 *
 * <p>The ratio is a cost ratio, > 1 meaning slower than the baseline: score / baseline for time per
 * operation modes (avgt, sample, ss), baseline / score for throughput (thrpt). With {@code -prof gc}
 * the allocation per operation (gc.alloc.rate.norm) is printed too.
 *
 * <p>A benchmark whose name ends in an authentication level ({@code Privacy}, {@code Integrity},
 * {@code Connect}: {@code rpcTcpPrivacy}) is also compared with the same benchmark without that
 * suffix ({@code rpcTcp}, level none) of the same run, mode, thread count and parameters: columns
 * {@code vs.none} (ratio of scores) and {@code med.vs.none} (ratio of medians), same cost convention.
 *
 * <p>Each {@code --ref NAME} adds a column {@code vs.NAME}: the ratio of medians to the benchmark
 * {@code NAME} of the same class, mode, thread count and run (its parameters matching where both have
 * them), same cost convention ({@code --ref rmiNull}: a null call against Java RMI's).
 */
public class Ratios {
    static final List<String> AUTH_LEVELS = List.of("Privacy", "Integrity", "Connect");

    record Result(String run, String cls, String name, String mode, int threads, Map<String, String> params,
                  double score, double error, String unit, double median, double allocPerOp) {
        String label() {
            StringBuilder b = new StringBuilder(name);
            params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            if (threads != 1) {
                b.append(" t=").append(threads);
            }
            return b.toString();
        }

        String word() {
            return secondWord(name);
        }

        /** The name without its authentication-level suffix, or null if it has none. */
        String unauthenticated() {
            for (String level : AUTH_LEVELS) {
                if (name.endsWith(level) && name.length() > level.length()) {
                    return name.substring(0, name.length() - level.length());
                }
            }
            return null;
        }

        boolean baseline() {
            return name.startsWith("baseline");
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> refs = new ArrayList<>();
        Map<String, Path> runs = new LinkedHashMap<>();
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("--ref") && a + 1 < args.length) {
                refs.add(args[++a]);
            } else if (args[a].matches("[A-Za-z0-9_.-]+=.+")) {
                int eq = args[a].indexOf('=');
                runs.put(args[a].substring(0, eq), Path.of(args[a].substring(eq + 1)));
            } else {
                runs.put(Path.of(args[a]).getFileName().toString(), Path.of(args[a]));
            }
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            read(run.getKey(), run.getValue(), results);
        }
        print(results, refs, runs.size() > 1);
    }

    static void read(String run, Path file, List<Result> results) throws IOException {
        Object root = new Json(Files.readString(file)).value();
        for (Object o : (List<?>) root) {
            Map<?, ?> m = (Map<?, ?>) o;
            String full = (String) m.get("benchmark");
            int dot = full.lastIndexOf('.');
            Map<String, String> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<?, ?> pm = (Map<?, ?>) m.get("primaryMetric");
            List<Double> iterations = new ArrayList<>();
            if (pm.get("rawData") instanceof List<?> forks) {
                for (Object f : forks) {
                    for (Object v : (List<?>) f) {
                        iterations.add(number(v));
                    }
                }
            }
            iterations.sort(null);
            int n = iterations.size();
            double median = n == 0 ? Double.NaN : n % 2 == 1 ? iterations.get(n / 2) : (iterations.get(n / 2 - 1) + iterations.get(n / 2)) / 2;
            if (n == 0 && pm.get("scorePercentiles") instanceof Map<?, ?> percentiles) {
                median = number(percentiles.get("50.0")); // sample mode: the median of every sampled call
            }
            double alloc = Double.NaN;
            if (m.get("secondaryMetrics") instanceof Map<?, ?> sm && sm.get("gc.alloc.rate.norm") instanceof Map<?, ?> g) {
                alloc = number(g.get("score"));
            }
            results.add(new Result(run, full.substring(0, dot), full.substring(dot + 1), (String) m.get("mode"),
                    ((Number) m.get("threads")).intValue(), params, number(pm.get("score")), number(pm.get("scoreError")),
                    (String) pm.get("scoreUnit"), median, alloc));
        }
    }

    static void print(List<Result> results, List<String> refs, boolean manyRuns) {
        boolean anyAlloc = results.stream().anyMatch(r -> !Double.isNaN(r.allocPerOp()));
        boolean anyAuth = results.stream().anyMatch(r -> noneOf(r, results) != null);
        int runWidth = results.stream().mapToInt(r -> r.run().length()).max().orElse(3);
        StringBuilder head = new StringBuilder();
        if (manyRuns) {
            head.append(String.format("%-" + runWidth + "s ", "run"));
        }
        head.append(String.format("%-46s %12s %10s %-6s %8s %12s %9s", "benchmark", "score", "± error", "unit", "ratio",
                "median", "med.ratio"));
        for (String ref : refs) {
            head.append(String.format(" %" + Math.max(9, ref.length() + 3) + "s", "vs." + ref));
        }
        head.append(anyAuth ? "  vs.none med.vs.none" : "").append(anyAlloc ? "      B/op" : "");
        System.out.println(head);
        for (Result r : results) {
            Result base = baselineOf(r, results);
            Result none = noneOf(r, results);
            StringBuilder line = new StringBuilder();
            if (manyRuns) {
                line.append(String.format("%-" + runWidth + "s ", r.run()));
            }
            line.append(String.format("%-46s %12.2f %10.2f %-6s %8.2f %12.2f %9.2f", r.label(), r.score(), r.error(), r.unit(),
                    base == null ? Double.NaN : cost(r, r.score(), base.score()), r.median(),
                    base == null ? Double.NaN : cost(r, r.median(), base.median())));
            for (String ref : refs) {
                Result other = referenceOf(r, ref, results);
                String width = "%" + Math.max(9, ref.length() + 3);
                line.append(other == null ? String.format(" " + width + "s", "")
                        : String.format(" " + width + ".3f", cost(r, r.median(), other.median())));
            }
            line.append(!anyAuth ? "" : none == null ? String.format(" %8s %11s", "", "")
                    : String.format(" %8.2f %11.2f", cost(r, r.score(), none.score()), cost(r, r.median(), none.median())));
            line.append(anyAlloc ? String.format("%10.0f", r.allocPerOp()) : "");
            System.out.println(line);
        }
        System.out.println("ratio = cost relative to the baseline of the same class, mode, transport and thread count"
                + " (score/baseline for times, baseline/score for thrpt; > 1 = slower); median = of the measurement"
                + " iterations, in sample mode of all sampled operations (less sensitive to other load on the"
                + " machine), med.ratio = the ratio of medians"
                + (refs.isEmpty() ? "" : "; vs.X = the ratio of medians to benchmark X of the same class, mode and run")
                + (anyAuth ? "; vs.none / med.vs.none = the same ratios against the benchmark without the"
                + " authentication-level suffix (rpcTcpPrivacy -> rpcTcp: level none) of the same run" : "")
                + (manyRuns ? "; nothing is paired across runs" : ""));
    }

    static double cost(Result r, double score, double base) {
        return r.mode().equals("thrpt") ? base / score : score / base;
    }

    /** Same run, class and mode; parameters equal where both have them. */
    static boolean comparable(Result r, Result b) {
        return b.run().equals(r.run()) && b.cls().equals(r.cls()) && b.mode().equals(r.mode())
                && b.params().entrySet().stream().allMatch(e -> !r.params().containsKey(e.getKey())
                        || r.params().get(e.getKey()).equals(e.getValue()));
    }

    static Result baselineOf(Result r, List<Result> all) {
        List<Result> candidates = all.stream().filter(b -> b.baseline() && comparable(r, b)).toList();
        String word = r.baseline() ? null : r.word();
        for (Result b : candidates) {
            if (word != null && b.word().equals(word) && b.threads() == r.threads()) {
                return b;
            }
        }
        for (Result b : candidates) {
            if (word != null && b.word().equals(word)) {
                return b;
            }
        }
        if (r.baseline()) {
            return r; // a baseline is its own reference
        }
        for (Result b : candidates) {
            if (b.word().equals("Tcp") && b.threads() == r.threads()) {
                return b; // a peer that names no transport speaks TCP (rmiNull, grpcUnary)
            }
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    /** The benchmark named {@code name} that {@code r} is compared with: same run, class, mode, thread count. */
    static Result referenceOf(Result r, String name, List<Result> all) {
        return all.stream().filter(b -> b.name().equals(name) && b.threads() == r.threads() && comparable(r, b))
                .findFirst().orElse(null);
    }

    /** The level-none counterpart of an authenticated benchmark: same class, mode, threads and parameters. */
    static Result noneOf(Result r, List<Result> all) {
        String name = r.unauthenticated();
        if (name == null) {
            return null;
        }
        return all.stream().filter(b -> b.name().equals(name) && b.run().equals(r.run()) && b.cls().equals(r.cls())
                && b.mode().equals(r.mode()) && b.threads() == r.threads() && b.params().equals(r.params())).findFirst().orElse(null);
    }

    /** The second camel-case word: "Tcp" of rpcTcpClients8 and of baselineTcpPingPong; "" if none. */
    static String secondWord(String name) {
        int start = -1;
        for (int i = 1; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                if (start < 0) {
                    start = i;
                } else {
                    return name.substring(start, i);
                }
            }
        }
        return start < 0 ? "" : name.substring(start).replaceAll("[0-9]+$", "");
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN; // JMH writes "NaN" as a string
    }

    /** Just enough JSON for JMH's result file: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String t = s.substring(start, i);
                    return switch (t) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(t);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("JSON: expected '" + c + "' at " + (i - 1));
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
