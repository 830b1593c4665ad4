package org.dcom4j.ndr;

/**
 * Bounds applied while decoding untrusted bytes.
 *
 * @param maxDepth      nesting of structures, unions and pointer referents (default 128)
 * @param maxAllocation bytes the decoded Java values may take, estimated before each array or
 *                      string is allocated (default 16 MiB)
 * @param allowTrailing whether bytes may follow the decoded data (default: refused)
 */
public record NdrLimits(int maxDepth, long maxAllocation, boolean allowTrailing) {
    public static final NdrLimits DEFAULT = new NdrLimits(128, 16L << 20, false);

    public NdrLimits {
        if (maxDepth < 1 || maxAllocation < 0) {
            throw new IllegalArgumentException("maxDepth=" + maxDepth + ", maxAllocation=" + maxAllocation);
        }
    }

    public NdrLimits withMaxDepth(int depth) {
        return new NdrLimits(depth, maxAllocation, allowTrailing);
    }

    public NdrLimits withMaxAllocation(long bytes) {
        return new NdrLimits(maxDepth, bytes, allowTrailing);
    }

    public NdrLimits withTrailingAllowed(boolean allow) {
        return new NdrLimits(maxDepth, maxAllocation, allow);
    }
}
