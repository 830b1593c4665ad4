package org.dcom4j.cli;

import org.dcom4j.security.SecurityDescriptor;

import picocli.CommandLine.Option;

/**
 * The {@code (--sddl S | --hex H)} argument group of the {@code sd} commands: one descriptor, given
 * either as SDDL or as self-relative bytes. Parsing errors (SDDL {@code position=…}, binary
 * {@code offset=…}) propagate as bad input.
 */
final class DescriptorInput {
    @Option(names = "--sddl", paramLabel = "SDDL", required = true,
            description = {"The descriptor in SDDL, e.g.", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)"})
    String sddl;

    @Option(names = "--hex", paramLabel = "HEX", required = true,
            description = {"The self-relative descriptor as hex:", "'01 00 04 80 ...', '010004...' or regedit's",
                "'01,00,04,80,...' ('\"Name\"=hex:' in front is fine)"})
    String hex;

    SecurityDescriptor descriptor() {
        return sddl != null ? SecurityDescriptor.fromSddl(sddl) : SecurityDescriptor.fromBytes(Hex.parse(hex));
    }
}
