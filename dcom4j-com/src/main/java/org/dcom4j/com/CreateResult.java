package org.dcom4j.com;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dcom4j.com.wire.ObjRef;

/**
 * The outcome of {@link ComServer#createInstance}: activation's last step (IClassFactory::CreateInstance
 * then one marshaled interface pointer per requested IID, MS-DCOM 3.1.2.5.2.3.3's ppActProperties
 * content before it is wrapped).
 *
 * @param hresult  S_OK when at least one interface was obtained; else why not (REGDB_E_CLASSNOTREG,
 *                 E_NOINTERFACE, the factory's HRESULT, E_FAIL)
 * @param hresults per requested IID, in order
 * @param objRefs  per requested IID, the OBJREF when its HRESULT succeeded, else null
 */
public record CreateResult(int hresult, List<Integer> hresults, List<ObjRef.Standard> objRefs) {
    public CreateResult {
        hresults = List.copyOf(hresults);
        objRefs = Collections.unmodifiableList(new ArrayList<>(objRefs)); // may hold nulls
        if (hresults.size() != objRefs.size()) {
            throw new IllegalArgumentException("hresults=" + hresults.size() + ", objRefs=" + objRefs.size());
        }
    }

    /** A failure for every one of {@code count} IIDs. */
    public static CreateResult failed(int hresult, int count) {
        return new CreateResult(hresult, Collections.nCopies(count, hresult), Collections.nCopies(count, null));
    }
}
