package io.statekv.client.internal;

import io.statekv.client.Compare;
import io.statekv.client.Txn;
import io.statekv.client.TxnOp;
import io.statekv.client.TxnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A txn being built; see {@link Txn}. Not thread-safe. */
final class TxnBuilder implements Txn {
  private final ClientCore client;
  private final List<Compare> compares = new ArrayList<>();
  private final List<TxnOp> then = new ArrayList<>();
  private final List<TxnOp> otherwise = new ArrayList<>();

  TxnBuilder(ClientCore client) {
    this.client = client;
  }

  @Override
  public Txn when(Compare... more) {
    compares.addAll(List.of(more));
    return this;
  }

  @Override
  public Txn then(TxnOp... ops) {
    then.addAll(List.of(ops));
    return this;
  }

  @Override
  public Txn otherwise(TxnOp... ops) {
    otherwise.addAll(List.of(ops));
    return this;
  }

  @Override
  public CompletableFuture<TxnResult> commitAsync() {
    return client.txnAsync(Requests.txn(compares, then, otherwise), ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public TxnResult commit() {
    return Futures.await(client.txnAsync(Requests.txn(compares, then, otherwise), ClientCore.Admission.WAIT), true);
  }
}
