package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.VarType.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A SAFEARRAY (MS-OAUT 2.2.30.10) as a Java value.
 *
 * <ul>
 * <li>{@code vt}: the element type, one of VT_I1, VT_UI1, VT_I2, VT_UI2, VT_BOOL, VT_I4, VT_UI4, VT_INT,
 *     VT_UINT, VT_ERROR, VT_R4, VT_I8, VT_UI8, VT_R8, VT_CY, VT_DATE, VT_BSTR, VT_DISPATCH, VT_UNKNOWN,
 *     VT_VARIANT (VT_DECIMAL and VT_RECORD arrays are not supported).</li>
 * <li>{@code bounds}: dimension 1 first, the order a Visual Basic user writes {@code a(1 To 2, 0 To 2)}.
 *     On the wire rgsabound is reversed (2.2.30.10): rgsabound[0] is the <em>last</em> dimension.</li>
 * <li>{@code elements}: in storage order, which is column-major: dimension 1 varies fastest
 *     ({@code a(1,0), a(2,0), a(1,1), a(2,1), …}), as Windows and Visual Basic store SAFEARRAYs.
 *     Typed as the {@link Variant} mapping for vt; VT_VARIANT elements are non-null {@link Variant}s.</li>
 * </ul>
 * The element count is the product of the counts: at most {@link #MAX_ELEMENTS} (2^20 — with at most 16
 * bytes per element on the wire, under the NDR engine's 16 MiB allocation limit); a product that
 * overflows or exceeds it, a count that disagrees with the elements, or an element of the wrong type is
 * refused with {@link IllegalArgumentException}.
 */
public record SafeArray(int vt, List<Bound> bounds, List<Object> elements) {
    /** Limit on the number of elements. */
    public static final int MAX_ELEMENTS = 1 << 20;
    /** Limit on the number of dimensions (cDims is a USHORT; Windows allows 60). */
    public static final int MAX_DIMS = 60;

    /** One dimension: {@code lowerBound} (lLbound) and {@code count} (cElements, ≥ 0). */
    public record Bound(int lowerBound, int count) {
        public Bound {
            if (count < 0) {
                throw new IllegalArgumentException("SafeArray.Bound count=" + Integer.toUnsignedString(count) + ", limit=" + MAX_ELEMENTS);
            }
        }
    }

    public SafeArray {
        if (!isElementType(vt)) {
            throw new IllegalArgumentException("unsupported SAFEARRAY element vt=" + VarType.name(vt));
        }
        bounds = List.copyOf(bounds);
        if (bounds.isEmpty() || bounds.size() > MAX_DIMS) {
            throw new IllegalArgumentException("SafeArray dims=" + bounds.size() + ", limit=1.." + MAX_DIMS);
        }
        long n = elementCount(bounds.stream().mapToLong(Bound::count).toArray());
        if (elements.size() != n) {
            throw new IllegalArgumentException("SafeArray elements=" + elements.size() + " disagrees with the bounds' product=" + n);
        }
        List<Object> copy = new ArrayList<>(elements.size());
        for (Object e : elements) {
            copy.add(Variant.checkScalar(vt, e, vt, true));
        }
        elements = Collections.unmodifiableList(copy);
    }

    /**
     * The product of the dimension counts (unsigned 32-bit values, computed in 64 bits so that a product
     * that wraps around in 32 bits is seen), refused with {@link IllegalArgumentException} above {@link
     * #MAX_ELEMENTS}.
     */
    static long elementCount(long[] counts) {
        if (Arrays.stream(counts).anyMatch(c -> c == 0)) {
            return 0;
        }
        long n = 1;
        for (long c : counts) {
            n *= c; // n <= 2^20 and c < 2^32 before this step: no long overflow; 32-bit wrap-around cannot hide
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("SafeArray element count=" + n + "+, limit=" + MAX_ELEMENTS
                        + " (counts=" + Arrays.toString(counts) + ")");
            }
        }
        return n;
    }

    /** Whether SAFEARRAYs of {@code vt} are supported. */
    public static boolean isElementType(int vt) {
        return switch (vt) {
            case VT_I1, VT_UI1, VT_I2, VT_UI2, VT_BOOL, VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR, VT_R4, VT_I8, VT_UI8, VT_R8,
                 VT_CY, VT_DATE, VT_BSTR, VT_DISPATCH, VT_UNKNOWN, VT_VARIANT -> true;
            default -> false;
        };
    }

    /** A one-dimensional array with lower bound 0. */
    public static SafeArray of(int vt, Object... elements) {
        return new SafeArray(vt, List.of(new Bound(0, elements.length)), Arrays.asList(elements));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SafeArray[").append(VarType.name(vt)).append(' ');
        for (Bound d : bounds) {
            b.append('(').append(d.lowerBound).append(" To ").append((long) d.lowerBound + d.count - 1).append(')');
        }
        b.append(" {");
        for (int i = 0; i < elements.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Variant.format(vt, elements.get(i), false));
        }
        return b.append("}]").toString();
    }
}
