package io.statekv.node.dispatch.internal;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.Subscription;
import io.statekv.protocol.v1.SubscriptionGetRequest;
import io.statekv.protocol.v1.SubscriptionListRequest;
import io.statekv.protocol.v1.SubscriptionListResponse;
import io.statekv.protocol.v1.SubscriptionResponse;
import io.statekv.protocol.v1.TxnResponse;
import io.statekv.storage.Entry;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.StateStore;

/**
 * The answers of the subscription requests that are not streams: the replies of create and delete
 * from their log results, and get and list served from the store after a read barrier. Stateless
 * and thread-safe.
 */
public final class SubscriptionAnswers {
  private SubscriptionAnswers() {}

  /** A create's answer: the new subscription, or {@code conflict} when the name is taken. */
  public static NodeMessage.Builder created(String name, CommandResult result) {
    if (result.hasError()) {
      if (result.getError().getCode() == ErrorCode.CONFLICT) {
        return NodeMessage.newBuilder().setError(result.getError().toBuilder()
            .setMessage("a subscription named '" + name + "' already exists"));
      }
      return NodeMessage.newBuilder().setError(result.getError());
    }
    io.statekv.protocol.v1.Entry entry = result.getWrite().getEntry();
    return NodeMessage.newBuilder().setSubscription(SubscriptionResponse.newBuilder()
        .setSubscription(SubscriptionRecords.decode(entry)).setRevision(entry.getRevision()));
  }

  /** A delete's answer: the subscription as it was, or {@code not_found}. */
  public static NodeMessage.Builder deleted(String name, CommandResult result) {
    if (result.hasError()) {
      return NodeMessage.newBuilder().setError(result.getError());
    }
    TxnResponse txn = result.getTxn();
    if (!txn.getResults(0).getGet().hasEntry()) {
      return notFound(name);
    }
    Subscription was = SubscriptionRecords.decode(txn.getResults(0).getGet().getEntry());
    return NodeMessage.newBuilder().setSubscription(
        SubscriptionResponse.newBuilder().setSubscription(was).setRevision(txn.getRevision()));
  }

  public static NodeMessage.Builder get(StateStore store, SubscriptionGetRequest get, long barrierRevision, long now) {
    long revision = Math.max(barrierRevision, store.appliedRevision());
    Entry entry = store.get(SubscriptionRecords.SCOPE, get.getName(), now);
    if (entry == null) {
      return notFound(get.getName());
    }
    return NodeMessage.newBuilder().setSubscription(SubscriptionResponse.newBuilder()
        .setSubscription(SubscriptionRecords.decode(entry)).setRevision(revision));
  }

  public static NodeMessage.Builder list(
      StateStore store, SubscriptionListRequest list, int limitDefault, long barrierRevision, long now) {
    long revision = Math.max(barrierRevision, store.appliedRevision());
    int limit = list.getLimit() == 0 ? limitDefault : list.getLimit();
    ListPage page = store.list(new ListQuery(SubscriptionRecords.SCOPE, "", list.getAfter(), limit, false), now);
    SubscriptionListResponse.Builder out = SubscriptionListResponse.newBuilder().setRevision(revision);
    for (Entry entry : page.entries()) {
      out.addSubscriptions(SubscriptionRecords.decode(entry));
    }
    if (page.nextAfter() != null) {
      out.setMore(true).setNextAfter(page.nextAfter());
    }
    return NodeMessage.newBuilder().setSubscriptionList(out);
  }

  private static NodeMessage.Builder notFound(String name) {
    return NodeMessage.newBuilder().setError(Replies.error(ErrorCode.NOT_FOUND, "no subscription named '" + name + "'"));
  }
}
