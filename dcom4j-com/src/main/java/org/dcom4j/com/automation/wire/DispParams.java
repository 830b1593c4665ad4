package org.dcom4j.com.automation.wire;

import java.util.List;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;

/**
 * DISPPARAMS (MS-OAUT 2.2.33): {@code [size_is(cArgs)] VARIANT* rgvarg; [size_is(cNamedArgs)] DISPID*
 * rgdispidNamedArgs; UINT cArgs; UINT cNamedArgs;}
 * <pre>
 * rgvarg referent id (4) | rgdispidNamedArgs referent id (4) | cArgs (4) | cNamedArgs (4)
 * … deferred: max_count=cArgs | cArgs × VARIANT referent id | the wireVARIANTStrs
 *             max_count=cNamedArgs | cNamedArgs × DISPID
 * </pre>
 * The arguments are in reverse order (rgvarg[0] is the last argument); the named arguments come first
 * in rgvarg, rgdispidNamedArgs[i] naming rgvarg[i] (3.1.4.4). A NULL pointer stands for an empty array.
 */
public record DispParams(@Unique @SizeIs("cArgs") List<@Unique WireVariant> rgvarg,
                         @Unique @SizeIs("cNamedArgs") int[] rgdispidNamedArgs, int cArgs, int cNamedArgs) {
    public DispParams {
        rgvarg = rgvarg == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rgvarg));
        rgdispidNamedArgs = rgdispidNamedArgs == null ? null : rgdispidNamedArgs.clone();
    }

    /** DISPPARAMS of the given wire arguments (already in wire order) and named DISPIDs; empty arrays go as NULL. */
    public static DispParams of(List<WireVariant> rgvarg, int[] namedArgs) {
        return new DispParams(rgvarg.isEmpty() ? null : rgvarg, namedArgs.length == 0 ? null : namedArgs,
                rgvarg.size(), namedArgs.length);
    }

    @Override
    public int[] rgdispidNamedArgs() {
        return rgdispidNamedArgs == null ? null : rgdispidNamedArgs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispParams d && java.util.Objects.equals(d.rgvarg, rgvarg)
                && java.util.Arrays.equals(d.rgdispidNamedArgs, rgdispidNamedArgs) && d.cArgs == cArgs && d.cNamedArgs == cNamedArgs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rgvarg, java.util.Arrays.hashCode(rgdispidNamedArgs), cArgs, cNamedArgs);
    }

    @Override
    public String toString() {
        return "DispParams[rgvarg=" + rgvarg + ", rgdispidNamedArgs=" + java.util.Arrays.toString(rgdispidNamedArgs)
                + ", cArgs=" + cArgs + ", cNamedArgs=" + cNamedArgs + "]";
    }
}
