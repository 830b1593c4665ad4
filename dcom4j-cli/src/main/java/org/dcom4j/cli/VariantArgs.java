package org.dcom4j.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcom4j.com.automation.SafeArray;
import org.dcom4j.com.automation.VarType;
import org.dcom4j.com.automation.Variant;

/**
 * Typed command-line arguments of {@code dcom4j com call}: {@code TYPE:VALUE}, or a bare value (an
 * integer that fits 32 bits becomes VT_I4, another number VT_R8, anything else VT_BSTR).
 * <pre>
 * i:42 (= i4:)  i1: i2: i8: ui1: ui2: ui4: ui8: int: uint:   integers (ui*: 0..2^n-1)
 * d:1.5 (= r8:)  r4:   cy:12.3456 (currency)   dec:1.1 (DECIMAL)   date:45000.5 (OLE date)
 * s:text  b:true|false  err:0x80020004  null  empty
 * TYPE[]:v1,v2,…   a one-dimensional SAFEARRAY of TYPE (e.g. i4[]:1,2,3  s[]:a,b)
 * </pre>
 */
final class VariantArgs {
    private VariantArgs() {
    }

    static Variant parse(String arg) {
        if (arg.equals("null")) {
            return Variant.nullValue();
        }
        if (arg.equals("empty")) {
            return Variant.empty();
        }
        int colon = arg.indexOf(':');
        String kind = colon < 0 ? "" : arg.substring(0, colon).toLowerCase(Locale.ROOT);
        String text = colon < 0 ? arg : arg.substring(colon + 1);
        if (kind.endsWith("[]")) {
            String element = kind.substring(0, kind.length() - 2);
            List<Object> values = new ArrayList<>();
            int vt = -1;
            for (String part : text.isEmpty() ? new String[0] : text.split(",", -1)) {
                Variant v = typed(element, part, arg);
                vt = v.vt();
                values.add(v.value());
            }
            if (vt < 0) {
                vt = typed(element, "0", arg).vt();
            }
            return new Variant(VarType.VT_ARRAY | vt, new SafeArray(vt, List.of(new SafeArray.Bound(0, values.size())), values));
        }
        if (colon < 0 || !isKind(kind)) {
            return bare(arg);
        }
        return typed(kind, text, arg);
    }

    private static boolean isKind(String k) {
        return List.of("i", "i1", "i2", "i4", "i8", "ui1", "ui2", "ui4", "ui8", "int", "uint", "d", "r8", "r4", "cy", "dec", "date",
                "s", "b", "err").contains(k);
    }

    private static Variant bare(String s) {
        try {
            return Variant.i4(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            try {
                return Variant.r8(Double.parseDouble(s));
            } catch (NumberFormatException e2) {
                return Variant.bstr(s);
            }
        }
    }

    private static Variant typed(String kind, String v, String arg) {
        try {
            return switch (kind) {
                case "i", "i4" -> Variant.i4(Integer.parseInt(v));
                case "i1" -> Variant.i1(Byte.parseByte(v));
                case "i2" -> Variant.i2(Short.parseShort(v));
                case "i8" -> Variant.i8(Long.parseLong(v));
                case "int" -> new Variant(VarType.VT_INT, Integer.parseInt(v));
                case "ui1" -> new Variant(VarType.VT_UI1, (byte) unsigned(v, 0xFFL));
                case "ui2" -> new Variant(VarType.VT_UI2, (short) unsigned(v, 0xFFFFL));
                case "ui4" -> new Variant(VarType.VT_UI4, (int) unsigned(v, 0xFFFF_FFFFL));
                case "uint" -> new Variant(VarType.VT_UINT, (int) unsigned(v, 0xFFFF_FFFFL));
                case "ui8" -> new Variant(VarType.VT_UI8, Long.parseUnsignedLong(v));
                case "d", "r8" -> Variant.r8(Double.parseDouble(v));
                case "r4" -> Variant.r4(Float.parseFloat(v));
                case "cy" -> new Variant(VarType.VT_CY, new BigDecimal(v).movePointRight(4).longValueExact());
                case "dec" -> Variant.decimal(new BigDecimal(v));
                case "date" -> new Variant(VarType.VT_DATE, Double.parseDouble(v));
                case "s" -> Variant.bstr(v);
                case "b" -> Variant.bool(switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> true;
                    case "false", "0", "no" -> false;
                    default -> throw new NumberFormatException("not a boolean");
                });
                case "err" -> new Variant(VarType.VT_ERROR, (int) Long.decode(v).longValue());
                default -> throw new CliException(ExitCodes.BAD_INPUT, "unknown argument type '" + kind + "' in " + arg);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "argument " + arg + ": '" + v + "' is not a valid " + kind
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static long unsigned(String v, long max) {
        long x = Long.parseLong(v);
        if (x < 0 || x > max) {
            throw new NumberFormatException("out of range 0.." + max);
        }
        return x;
    }
}
