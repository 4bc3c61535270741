package io.statekv.client;

import java.util.Optional;

/** The result of one op of a txn branch. */
public sealed interface TxnOpResult {

  /** A set, update, patch or append. */
  record Written(WriteResult result) implements TxnOpResult {}

  /** A delete. */
  record Deleted(DeleteResult result) implements TxnOpResult {}

  /** A get, as of that point of the txn. */
  record Read(Optional<Entry> entry) implements TxnOpResult {}
}
