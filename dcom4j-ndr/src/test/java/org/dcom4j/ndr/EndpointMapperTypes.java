package org.dcom4j.ndr;

import java.util.List;
import java.util.UUID;

/**
 * The endpoint mapper's {@code ept_map} (opnum 3) as records (C706 appendix O, MS-RPCE 2.2.1.2.5):
 * <pre>
 * typedef struct { unsigned32 tower_length; [size_is(tower_length)] byte tower_octet_string[]; } twr_t;
 * void ept_map([in] handle_t h, [in, ptr] uuid_p_t object, [in, ptr] twr_p_t map_tower,
 *              [in, out] ept_lookup_handle_t *entry_handle, [in] unsigned32 max_towers,
 *              [out] unsigned32 *num_towers,
 *              [out, ptr, size_is(max_towers), length_is(*num_towers)] twr_p_t *towers,
 *              [out] error_status_t *status);
 * </pre>
 */
final class EndpointMapperTypes {
    private EndpointMapperTypes() {
    }

    record Tower(int towerLength, @SizeIs("towerLength") byte[] towerOctetString) {
        Tower(byte[] octets) {
            this(octets.length, octets);
        }
    }

    @NdrParameters
    record EptMapRequest(@Full UUID object, @Full Tower mapTower, ContextHandle entryHandle, int maxTowers) {
    }

    @NdrParameters
    record EptMapResponse(ContextHandle entryHandle, int numTowers, @NotTransmitted int maxTowers,
                          @SizeIs("maxTowers") @LengthIs("numTowers") List<@Full Tower> towers, int status) {
    }
}
