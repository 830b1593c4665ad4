package org.dcom4j.ndr;

import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.VectorTypes.Leaf;

/** Non-trivial nested types for the round-trip property test and the fuzz target. */
final class FuzzTypes {
    private FuzzTypes() {
    }

    record Entry(short kind, @Full Leaf shared, @Unique @NdrString(NdrString.Kind.CHAR) String label,
                 @FixedSize(3) byte[] tag, VectorTypes.Holder info) {
    }

    record Complex(int n, @Unique @SizeIs("n") List<Entry> entries, @Unique @NdrString String name, UUID id,
                   VectorTypes.EncHolder enc, double ratio, int max, int len,
                   @SizeIs("max") @LengthIs("len") List<@Unique Leaf> tail) {
    }

    @NdrParameters
    record Request(@Ref VectorTypes.Names names, @Unique Complex complex, ContextHandle handle,
                   VectorTypes.Enums enums, int count, @Ref @SizeIs("count") int[] values) {
    }
}
