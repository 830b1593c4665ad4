package org.dcom4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several {@code dcom4j} command lines in one JVM, separated by the argument {@value #NEXT},
 * and prints each one's exit code and stderr as {@code exit N} followed by the stderr lines. Lets
 * {@link NonAdministratorTest} check every kind of write as another user for the cost of one JVM.
 */
final class RunEach {
    static final String NEXT = "--next--";

    private RunEach() {
    }

    public static void main(String[] args) {
        List<String> current = new ArrayList<>();
        for (String a : Arrays.copyOf(args, args.length + 1)) {
            if (a != null && !a.equals(NEXT)) {
                current.add(a);
                continue;
            }
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), current.toArray(String[]::new));
            System.out.println("exit " + code);
            System.out.print(err);
            current.clear();
        }
        System.out.flush();
    }
}
