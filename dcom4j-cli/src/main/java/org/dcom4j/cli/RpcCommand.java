package org.dcom4j.cli;

import picocli.CommandLine.Command;

/** {@code dcom4j rpc}: raw DCE/RPC tools ({@code call}); {@code rpcdump} is a command of its own, as in impacket. */
@Command(name = "rpc", mixinStandardHelpOptions = true,
        description = {"Raw DCE/RPC requests (no authentication yet: auth level none)."},
        subcommands = {RpcCallCommand.class})
final class RpcCommand {
}
