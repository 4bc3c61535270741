package io.statekv.client;

import java.util.List;

/**
 * The result of a txn. Immutable.
 *
 * @param succeeded true when every compare held and the {@code then} branch ran; false when the
 *     {@code otherwise} branch ran
 * @param results the result of each op of the branch that ran, in order
 * @param revision the revision of the txn; every change it made shares it
 */
public record TxnResult(boolean succeeded, List<TxnOpResult> results, long revision) {
  public TxnResult {
    results = List.copyOf(results);
  }
}
