package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.dcom4j.security.Exposure;

/**
 * The exposure report as text tables, the default of {@code dcom4j exposure}: one table per target,
 * principals as rows, the six rights as {@code x}/{@code -} columns, {@code !} in front of a flagged
 * row, then the legend and the warnings. The header says which store and when, with the lines
 * {@code config init} prints ({@code machine SID: …}, {@code profile: …}). Plain ASCII so it
 * survives any terminal and e-mail.
 */
final class ExposureText {
    private ExposureText() {
    }

    private static final int NAME_WIDTH = 22;

    static void print(Exposure.Report report, ExposureReports.Context context, PrintWriter out) {
        out.println("DCOM exposure: effective rights of each principal after the machine-wide limits");
        out.println("store: " + context.store());
        out.println("machine SID: " + context.machineSid());
        out.println("generated: " + context.generated());
        out.println("profile: " + context.profileLine());
        for (ExposureReports.Target t : ExposureReports.targets(report)) {
            out.println();
            out.println(t.label());
            List<String> classes = context.classesOf(t.appId());
            if (!classes.isEmpty()) {
                out.println("    classes: " + String.join(", ", classes));
            }
            StringBuilder header = new StringBuilder("    ").append(pad("principal"));
            for (Exposure.Right r : Exposure.Right.values()) {
                header.append(' ').append(r.name());
            }
            out.println(header);
            for (Exposure.Row row : t.rows()) {
                StringBuilder line = new StringBuilder(row.flagged() ? "  ! " : "    ").append(pad(row.principal().name()));
                for (Exposure.Right r : Exposure.Right.values()) {
                    line.append(' ').append(row.has(r) ? " x" : " -");
                }
                out.println(line);
            }
        }
        out.println();
        out.println("Legend:");
        for (Map.Entry<Exposure.Right, String> e : ExposureReports.RIGHT_NAMES.entrySet()) {
            out.println("  " + e.getKey().name() + "  " + e.getValue());
        }
        out.println("  x   granted    -   not granted");
        out.println("  !   " + ExposureReports.FLAG_MEANING);
        out.println("  Each row is a typical member: Authenticated Users, Distributed COM Users and Administrators also hold"
                + System.lineSeparator() + "  Everyone and Authenticated Users; Local rights add LOCAL and INTERACTIVE, Remote ones NETWORK;"
                + System.lineSeparator() + "  ANONYMOUS LOGON is the anonymous token, which is not in Everyone.");
        out.println();
        long flagged = ExposureReports.flaggedRows(report);
        out.println(flagged == 0 ? "Flagged rows: none" : "Flagged rows: " + flagged);
        if (report.warnings().isEmpty()) {
            out.println("Warnings: none");
        } else {
            out.println("Warnings (each invalid descriptor denies what it guards):");
            for (String w : report.warnings()) {
                out.println("  " + w);
            }
        }
    }

    private static String pad(String s) {
        return s.length() >= NAME_WIDTH ? s : s + " ".repeat(NAME_WIDTH - s.length());
    }
}
