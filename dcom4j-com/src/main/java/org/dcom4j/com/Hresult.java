package org.dcom4j.com;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * HRESULT values DCOM puts on the wire (MS-ERREF 2.1 for the layout, 2.1.1 for the values; the names
 * and values agree with impacket 0.10.0's {@code hresult_errors.py}). An HRESULT is a 32-bit
 * {@code int}: bit 31 set means failure; facility 7 ({@code 0x8007xxxx}) wraps a Win32 error code.
 *
 * <pre>
 *  31 30 29 28 27 26..16   15..0
 *  S  R  C  N  X  facility code
 * </pre>
 */
public final class Hresult {
    public static final int S_OK = 0x00000000;
    public static final int S_FALSE = 0x00000001;

    public static final int E_NOTIMPL = 0x80004001;
    public static final int E_NOINTERFACE = 0x80004002;
    public static final int E_POINTER = 0x80004003;
    public static final int E_ABORT = 0x80004004;
    public static final int E_FAIL = 0x80004005;
    public static final int E_UNEXPECTED = 0x8000FFFF;
    public static final int E_ACCESSDENIED = 0x80070005;
    public static final int E_HANDLE = 0x80070006;
    public static final int E_OUTOFMEMORY = 0x8007000E;
    public static final int E_INVALIDARG = 0x80070057;

    public static final int CO_E_BAD_SERVER_NAME = 0x80004014;
    public static final int CO_E_WRONG_SERVER_IDENTITY = 0x80004015;
    public static final int CO_E_RUNAS_LOGON_FAILURE = 0x8000401A;
    /** Spelled as in MS-ERREF and the Windows SDK (sic). */
    public static final int CO_E_LAUNCH_PERMSSION_DENIED = 0x8000401B;
    public static final int CO_E_NOTINITIALIZED = 0x800401F0;
    public static final int CO_E_CLASSSTRING = 0x800401F3;
    public static final int CO_E_OBJNOTREG = 0x800401FB;
    public static final int CO_E_OBJNOTCONNECTED = 0x800401FD;
    public static final int CO_E_SERVER_EXEC_FAILURE = 0x80080005;
    public static final int CO_E_SERVER_STOPPING = 0x80080008;

    public static final int CLASS_E_NOAGGREGATION = 0x80040110;
    public static final int CLASS_E_CLASSNOTAVAILABLE = 0x80040111;
    public static final int REGDB_E_CLASSNOTREG = 0x80040154;

    /** The moniker's object is not running (IRunningObjectTable::GetObject). */
    public static final int MK_E_UNAVAILABLE = 0x800401E3;
    /** Success: registered, but another entry of the same moniker already exists. */
    public static final int MK_S_MONIKERALREADYREGISTERED = 0x000401E7;

    public static final int RPC_E_CALL_REJECTED = 0x80010001;
    public static final int RPC_E_SERVERFAULT = 0x80010105;
    public static final int RPC_E_DISCONNECTED = 0x80010108;
    public static final int RPC_E_VERSION_MISMATCH = 0x80010110;
    public static final int RPC_E_INVALID_HEADER = 0x80010111;
    public static final int RPC_E_INVALID_IPID = 0x80010113;
    public static final int RPC_E_INVALID_OBJECT = 0x80010114;
    public static final int RPC_E_TOO_LATE = 0x80010119;
    public static final int RPC_E_ACCESS_DENIED = 0x8001011B;

    /** Win32 RPC_S_SERVER_UNAVAILABLE (1722) as an HRESULT. */
    public static final int RPC_S_SERVER_UNAVAILABLE = 0x800706BA;
    /** Win32 OR_INVALID_OXID (1910) as an HRESULT; the object resolver itself returns the plain 1910. */
    public static final int OR_INVALID_OXID = 0x80070776;
    /** Win32 OR_INVALID_OID (1911) as an HRESULT. */
    public static final int OR_INVALID_OID = 0x80070777;
    /** Win32 OR_INVALID_SET (1912) as an HRESULT. */
    public static final int OR_INVALID_SET = 0x80070778;

    public static final int DISP_E_UNKNOWNINTERFACE = 0x80020001;
    public static final int DISP_E_MEMBERNOTFOUND = 0x80020003;
    public static final int DISP_E_PARAMNOTFOUND = 0x80020004;
    public static final int DISP_E_TYPEMISMATCH = 0x80020005;
    public static final int DISP_E_UNKNOWNNAME = 0x80020006;
    public static final int DISP_E_NONAMEDARGS = 0x80020007;
    public static final int DISP_E_BADVARTYPE = 0x80020008;
    public static final int DISP_E_EXCEPTION = 0x80020009;
    public static final int DISP_E_OVERFLOW = 0x8002000A;
    public static final int DISP_E_BADINDEX = 0x8002000B;
    public static final int DISP_E_UNKNOWNLCID = 0x8002000C;
    public static final int DISP_E_ARRAYISLOCKED = 0x8002000D;
    public static final int DISP_E_BADPARAMCOUNT = 0x8002000E;
    public static final int DISP_E_PARAMNOTOPTIONAL = 0x8002000F;
    public static final int DISP_E_BADCALLEE = 0x80020010;
    public static final int DISP_E_NOTACOLLECTION = 0x80020011;
    public static final int DISP_E_DIVBYZERO = 0x80020012;
    public static final int DISP_E_BUFFERTOOSMALL = 0x80020013;
    public static final int TYPE_E_ELEMENTNOTFOUND = 0x8002802B;

    /** Win32 error codes the object resolver returns as plain {@code error_status_t} (MS-DCOM 3.1.2.5.1). */
    public static final int WIN32_OR_INVALID_OXID = 1910;
    public static final int WIN32_OR_INVALID_OID = 1911;
    public static final int WIN32_OR_INVALID_SET = 1912;

    private static final Map<Integer, String> NAMES = names();

    private Hresult() {
    }

    /** The constant's name, or {@code 0x%08X} for a value this class does not name. */
    public static String name(int hresult) {
        String n = NAMES.get(hresult);
        return n != null ? n : String.format("0x%08X", hresult);
    }

    /** Severity bit set (MS-ERREF 2.1: FAILED(hr)). */
    public static boolean isFailure(int hresult) {
        return hresult < 0;
    }

    /** HRESULT_FROM_WIN32: 0 and values that already are HRESULTs pass through; others become 0x8007xxxx. */
    public static int fromWin32(int win32) {
        return win32 <= 0 ? win32 : (win32 & 0x0000FFFF) | 0x80070000;
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : Hresult.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (f.getType() == int.class && Modifier.isPublic(mod) && Modifier.isStatic(mod)
                    && !f.getName().startsWith("WIN32_")) {
                try {
                    m.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return Map.copyOf(m);
    }
}
