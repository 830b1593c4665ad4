package org.dcom4j.samples.calculator;

import java.util.UUID;

/**
 * The registration of the Dcom4j.Calculator sample (issue 5 item 6), apart from its COM interface so
 * that installers ({@code dcom4j samples install}) need no COM runtime.
 */
public final class CalculatorIds {
    public static final UUID CLSID = UUID.fromString("dfd9fd6b-7834-44cc-9311-760a14f0d774");
    public static final UUID APPID = UUID.fromString("c0795241-7fc0-420f-85f1-4cabb2fa1ea5");
    public static final String PROGID = "Dcom4j.Calculator";
    /** The AppID's and the class's display name. */
    public static final String NAME = "Dcom4j Calculator";
    /** IID of {@code ICalculator}. */
    public static final UUID IID_ICALCULATOR = UUID.fromString("23203412-63cd-4530-9dd1-fc8e888ef55d");
    /** The {@code ./dcom4j} subcommand that runs the server (LocalServer32 is {@code /path/to/dcom4j calculator-server}). */
    public static final String SERVER_COMMAND = "calculator-server";

    private CalculatorIds() {
    }
}
