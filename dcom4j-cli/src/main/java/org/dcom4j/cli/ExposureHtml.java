package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.dcom4j.security.Exposure;

/**
 * The exposure report as one self-contained HTML page (inline CSS, no scripts, no external
 * resources) an administrator can mail or archive: which store and when, a table per target,
 * flagged cells highlighted, the legend and the warnings.
 */
final class ExposureHtml {
    private ExposureHtml() {
    }

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;font-family:monospace}
            table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25em .7em;text-align:center}
            th:first-child,td:first-child{text-align:left}
            td.yes{background:#e8f3e8}td.no{color:#999}
            td.flag{background:#c62828;color:#fff;font-weight:bold}
            tr.flagged td:first-child{font-weight:bold;color:#c62828}
            .legend td,.legend th{text-align:left}.warn{color:#c62828}
            """;

    static void print(Exposure.Report report, ExposureReports.Context context, PrintWriter out) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dcom4j DCOM exposure</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>DCOM exposure: effective rights of each principal after the machine-wide limits</h1>\n")
                .append("<table class=\"legend\">\n")
                .append("<tr><th>store</th><td>").append(esc(context.store().toString())).append("</td></tr>\n")
                .append("<tr><th>machine SID</th><td>").append(esc(context.machineSid().toString())).append("</td></tr>\n")
                .append("<tr><th>generated</th><td>").append(esc(context.generated().toString())).append("</td></tr>\n")
                .append("<tr><th>profile</th><td>").append(esc(context.profileLine())).append("</td></tr>\n")
                .append("</table>\n");
        long flagged = ExposureReports.flaggedRows(report);
        sb.append("<p>").append(flagged == 0 ? "No flagged rows." : flagged + " flagged row(s): "
                + esc(ExposureReports.FLAG_MEANING) + ".").append("</p>\n");
        for (ExposureReports.Target t : ExposureReports.targets(report)) {
            sb.append("<h2>").append(esc(t.label())).append("</h2>\n<table>\n<tr><th>principal</th>");
            for (Exposure.Right r : Exposure.Right.values()) {
                sb.append("<th title=\"").append(esc(ExposureReports.RIGHT_NAMES.get(r))).append("\">")
                        .append(r.name()).append("</th>");
            }
            sb.append("</tr>\n");
            for (Exposure.Row row : t.rows()) {
                sb.append(row.flagged() ? "<tr class=\"flagged\">" : "<tr>").append("<td>")
                        .append(row.flagged() ? "! " : "").append(esc(row.principal().name()))
                        .append(" <small>").append(esc(row.principal().sid().toString())).append("</small></td>");
                for (Exposure.Right r : Exposure.Right.values()) {
                    String cls = ExposureReports.flaggedCell(row, r) ? "flag" : row.has(r) ? "yes" : "no";
                    sb.append("<td class=\"").append(cls).append("\">").append(row.has(r) ? "x" : "-").append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<h2>Legend</h2>\n<table class=\"legend\">\n");
        for (Map.Entry<Exposure.Right, String> e : ExposureReports.RIGHT_NAMES.entrySet()) {
            sb.append("<tr><th>").append(e.getKey().name()).append("</th><td>").append(esc(e.getValue())).append("</td></tr>\n");
        }
        sb.append("<tr><th>x / -</th><td>granted / not granted</td></tr>\n")
                .append("<tr><th class=\"warn\">!</th><td>").append(esc(ExposureReports.FLAG_MEANING))
                .append("; the offending cells are <span style=\"background:#c62828;color:#fff\">&nbsp;red&nbsp;</span></td></tr>\n")
                .append("<tr><th>row</th><td>a typical member: Authenticated Users, Distributed COM Users and Administrators also hold Everyone and Authenticated Users; Local rows add LOCAL and INTERACTIVE, Remote rows NETWORK; ANONYMOUS LOGON is the anonymous token</td></tr>\n")
                .append("</table>\n<h2>Warnings</h2>\n");
        if (report.warnings().isEmpty()) {
            sb.append("<p>None.</p>\n");
        } else {
            sb.append("<ul>\n");
            for (String w : report.warnings()) {
                sb.append("<li class=\"warn\">").append(esc(w)).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("</body>\n</html>");
        out.println(sb);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
