package io.statekv.node.cli;

import io.statekv.client.StateKvClient;
import io.statekv.client.TxnResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekv txn}: a transaction in the JSON shape of {@code POST /v1/state/txn}. */
@Command(name = "txn", description = {
    "Run a transaction: {\"compares\": [...], \"then\": [...], \"else\": [...]} (see docs/api.md).",
    "Exit code 4 when a compare did not hold and the else branch ran."})
final class TxnCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "TXN", description = "The txn as JSON, @FILE, or - for stdin.")
  String txn;

  @Override
  Outcome run(StateKvClient c) {
    TxnResult result = ClientRequests.txn(c, JsonArgs.parse("the txn", txn)).commit();
    return new Outcome(CliJson.txn(result), result.succeeded() ? ExitCodes.OK : ExitCodes.CONFLICT);
  }
}
