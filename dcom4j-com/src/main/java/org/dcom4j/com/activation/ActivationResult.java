package org.dcom4j.com.activation;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;

/**
 * What an activation returned (MS-DCOM 2.2.22.2.8–9): the object exporter to call (OXID, its
 * bindings, the IPID of its IRemUnknown, the authentication level hint) and per requested IID an
 * HRESULT and the interface pointer (null where the HRESULT is a failure). Turning it into proxies is
 * the object runtime's job. Immutable.
 */
public record ActivationResult(int hresult, long oxid, DualStringArray exporterBindings, UUID ipidRemUnknown, int authnHint,
                               List<UUID> iids, int[] hresults, List<ObjRef> objRefs) {
    public ActivationResult {
        iids = List.copyOf(iids);
        hresults = hresults.clone();
        objRefs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(objRefs));
    }

    @Override
    public int[] hresults() {
        return hresults.clone();
    }
}
