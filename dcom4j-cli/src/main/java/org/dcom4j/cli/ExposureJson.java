package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

import org.dcom4j.security.Exposure;

/**
 * The exposure report as JSON for scripts and dashboards. Written by hand (one small, fixed shape
 * does not justify a JSON library on the class path); the keys and their order are stable.
 * {@code appid} is the braced upper-case GUID the {@code target} label starts with (null for the
 * machine defaults); {@code profile} is null when the machine values match no profile;
 * {@code policies} lists the values an SDDL policy overrides:
 *
 * <pre>
 * {
 *   "store": "/var/lib/dcom4j", "machineSid": "S-1-5-21-…", "generated": "2026-11-21T23:55:05Z",
 *   "profile": "ws2003sp1", "policies": ["MachineAccessRestriction"],
 *   "flaggedRows": 1,
 *   "targets": [
 *     { "target": "machine defaults", "appid": null,
 *       "rows": [ { "principal": "Everyone", "sid": "S-1-1-0", "flagged": false,
 *                   "rights": { "LL": true, "LA": true, "RL": false, "RA": false, "LC": true, "RC": true } } ] },
 *     { "target": "{6B1F3C2A-…} \"Inventory Service\"", "appid": "{6B1F3C2A-…}", "rows": [ … ] } ],
 *   "warnings": [ "…" ],
 *   "legend": { "LL": "Local Launch", …, "flagged": "…" }
 * }
 * </pre>
 */
final class ExposureJson {
    private ExposureJson() {
    }

    static void print(Exposure.Report report, ExposureReports.Context context, PrintWriter out) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n  \"store\": ").append(str(context.store().toString()))
                .append(", \"machineSid\": ").append(str(context.machineSid().toString()))
                .append(", \"generated\": ").append(str(context.generated().toString()))
                .append(",\n  \"profile\": ").append(context.profile().map(p -> str(p.id())).orElse("null"))
                .append(", \"policies\": [");
        for (int i = 0; i < context.policies().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(context.policies().get(i)));
        }
        sb.append("],\n  \"flaggedRows\": ").append(ExposureReports.flaggedRows(report)).append(",\n");
        sb.append("  \"targets\": [");
        Iterator<ExposureReports.Target> targets = ExposureReports.targets(report).iterator();
        while (targets.hasNext()) {
            ExposureReports.Target t = targets.next();
            sb.append("\n    {\"target\": ").append(str(t.label()))
                    .append(", \"appid\": ").append(t.appId() == null ? "null" : str(Guids.braced(t.appId())))
                    .append(", \"classes\": [").append(String.join(", ", context.classesOf(t.appId()).stream().map(ExposureJson::str).toList())).append("]")
                    .append(",\n     \"rows\": [");
            for (int i = 0; i < t.rows().size(); i++) {
                Exposure.Row row = t.rows().get(i);
                sb.append(i == 0 ? "\n" : ",\n").append("      {\"principal\": ").append(str(row.principal().name()))
                        .append(", \"sid\": ").append(str(row.principal().sid().toString()))
                        .append(", \"flagged\": ").append(row.flagged())
                        .append(", \"rights\": {");
                Exposure.Right[] rights = Exposure.Right.values();
                for (int r = 0; r < rights.length; r++) {
                    sb.append(r == 0 ? "" : ", ").append(str(rights[r].name())).append(": ").append(row.has(rights[r]));
                }
                sb.append("}}");
            }
            sb.append("]}").append(targets.hasNext() ? "," : "");
        }
        sb.append("\n  ],\n  \"warnings\": [");
        for (int i = 0; i < report.warnings().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(report.warnings().get(i)));
        }
        sb.append("],\n  \"legend\": {");
        for (Map.Entry<Exposure.Right, String> e : ExposureReports.RIGHT_NAMES.entrySet()) {
            sb.append(str(e.getKey().name())).append(": ").append(str(e.getValue())).append(", ");
        }
        sb.append("\"flagged\": ").append(str(ExposureReports.FLAG_MEANING)).append("}\n}");
        out.println(sb);
    }

    /** A JSON string literal (RFC 8259 section 7). */
    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
