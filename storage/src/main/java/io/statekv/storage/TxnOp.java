package io.statekv.storage;

/** An operation allowed inside a txn branch: the writes of {@link Command}, and a read. */
public sealed interface TxnOp
    permits Command.Set, Command.Update, Command.Patch, Command.Append, Command.Delete, TxnOp.Get {

  String scope();

  String key();

  /** Reads a key as of that point of the txn. */
  record Get(String scope, String key) implements TxnOp {}
}
