package org.dcom4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dcom4j.config.EventLog;
import org.dcom4j.security.SecurityEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j eventlog}: the store's event log — the denials logged under
 * CallFailureLoggingLevel=1 and the invalid descriptors logged under
 * InvalidSecurityDescriptorLoggingLevel=1, where an administrator looks first after a failure.
 * {@code --limit N} keeps the newest N (what just happened is what is being chased), printed oldest
 * first so the output reads like a log.
 */
@Command(name = "eventlog", mixinStandardHelpOptions = true,
        description = {"Print the event log (the newest entries, oldest first).",
            "Each entry: time, level, source, event id, message, fields (JSON).",
            "Event ids: 10016 launch/activation denied, 10027 call denied,",
            "10020 invalid descriptor, 10025 refused because EnableDCOM=N."})
final class EventLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Option(names = "--since", paramLabel = "T",
            description = {"Only entries at or after T: 30s, 10m, 2h, 1d, 1w (ago),",
                "today, yesterday, 2026-11-21 (local midnight),",
                "2026-11-21T23:00[:00] (local time; a space instead of T",
                "works too) or 2026-11-21T23:20:00Z (UTC)."})
    String since;

    @Option(names = "--level", paramLabel = "error|warning|information", defaultValue = "information",
            description = "The least severity shown: error, warning, or information (everything, the default).")
    SecurityEvent.Level level;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "The newest N entries at most (default ${DEFAULT-VALUE}, at most " + EventLog.MAX_QUERY + ").")
    int limit;


    @Override
    public Integer call() {
        if (limit < 1 || limit > EventLog.MAX_QUERY) {
            throw CliException.badInput("--limit out of range: " + limit + ", allowed 1-" + EventLog.MAX_QUERY);
        }
        Instant from = since == null ? Instant.EPOCH : TimeSpec.parse(since, Instant.now());
        EventLog.Newest newest;
        try (StoreSession s = StoreSession.open(state.dir())) {
            newest = s.registry().eventLog().newest(from, level, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        newest.entries().forEach(out::println);
        if (newest.entries().isEmpty()) {
            spec.commandLine().getErr().println("no entries" + (since == null ? "" : " since " + from)
                    + (level == SecurityEvent.Level.INFORMATION ? "" : " at level " + level.name().toLowerCase(Locale.ROOT) + " or above"));
        } else if (newest.more()) {
            spec.commandLine().getErr().println("(the last " + limit + " entries; narrow with --since or raise --limit)");
        }
        return ExitCodes.OK;
    }
}
