import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the benchmarks of a JMH JSON result with their ratio to the baseline of the same run
 * (each class's benchmark whose name starts with "baseline"). Single-file program: java Ratios.java FILE.
 */
public class Ratios {
    public static void main(String[] args) throws Exception {
        String json = Files.readString(Path.of(args[0]));
        Pattern p = Pattern.compile("\"benchmark\"\\s*:\\s*\"([^\"]+)\".*?\"primaryMetric\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.Ee+-]+)\\s*,\\s*\"scoreError\"\\s*:\\s*([0-9.Ee+-]+|\"NaN\")\\s*,.*?\"scoreUnit\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);
        Matcher m = p.matcher(json);
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        while (m.find()) {
            double err = m.group(3).contains("NaN") ? Double.NaN : Double.parseDouble(m.group(3));
            scores.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), err});
            units.put(m.group(1), m.group(4));
        }
        System.out.printf("%-60s %12s %10s %8s%n", "benchmark", "score", "± error", "ratio");
        for (var e : scores.entrySet()) {
            String cls = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            double base = scores.entrySet().stream().filter(b -> b.getKey().startsWith(cls + ".baseline"))
                    .mapToDouble(b -> b.getValue()[0]).findFirst().orElse(Double.NaN);
            System.out.printf("%-60s %9.2f %-2s %10.2f %8.2f%n", e.getKey().substring(e.getKey().lastIndexOf('.', e.getKey().lastIndexOf('.') - 1) + 1),
                    e.getValue()[0], units.get(e.getKey()).replace("/op", ""), e.getValue()[1], e.getValue()[0] / base);
        }
    }
}
