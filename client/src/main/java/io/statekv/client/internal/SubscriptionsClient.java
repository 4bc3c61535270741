package io.statekv.client.internal;

import io.statekv.client.SubscriptionConsumer;
import io.statekv.client.SubscriptionInfo;
import io.statekv.client.Subscriptions;
import io.statekv.client.WatchFilter;
import io.statekv.client.WatchListener;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SubscriptionCreateRequest;
import io.statekv.protocol.v1.SubscriptionDeleteRequest;
import io.statekv.protocol.v1.SubscriptionGetRequest;
import io.statekv.protocol.v1.SubscriptionListRequest;
import io.statekv.protocol.v1.SubscriptionListResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The subscription calls of a client; see {@link Subscriptions}. Thread-safe. */
final class SubscriptionsClient implements Subscriptions {
  /** Subscriptions per page of {@link #list()}. */
  static final int LIST_PAGE_SIZE = 1_000;

  private final ClientCore client;

  SubscriptionsClient(ClientCore client) {
    this.client = client;
  }

  private static SubscriptionInfo info(NodeMessage answer) {
    if (!answer.hasSubscription()) {
      throw new IllegalStateException("expected a subscription answer, got " + answer.getBodyCase());
    }
    return WatchMessages.subscription(answer.getSubscription().getSubscription());
  }

  private CompletableFuture<SubscriptionInfo> create(String name, WatchFilter filter, long startRevision, ClientCore.Admission a) {
    Objects.requireNonNull(name, "name");
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must not be negative: " + startRevision);
    }
    ClientMessage request = ClientMessage.newBuilder().setSubscriptionCreate(SubscriptionCreateRequest.newBuilder()
        .setName(name).setFilter(WatchMessages.filter(filter)).setStartRevision(startRevision)).build();
    return client.submit(request, true, false, SubscriptionsClient::info, a);
  }

  @Override
  public SubscriptionInfo create(String name, WatchFilter filter, long startRevision) {
    return Futures.await(create(name, filter, startRevision, ClientCore.Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<SubscriptionInfo> createAsync(String name, WatchFilter filter, long startRevision) {
    return create(name, filter, startRevision, ClientCore.Admission.FAIL_FAST);
  }

  private CompletableFuture<SubscriptionInfo> get(String name, ClientCore.Admission a) {
    ClientMessage request = ClientMessage.newBuilder()
        .setSubscriptionGet(SubscriptionGetRequest.newBuilder().setName(Objects.requireNonNull(name, "name"))).build();
    return client.submit(request, false, false, SubscriptionsClient::info, a);
  }

  @Override
  public SubscriptionInfo get(String name) {
    return Futures.await(get(name, ClientCore.Admission.WAIT), false);
  }

  @Override
  public CompletableFuture<SubscriptionInfo> getAsync(String name) {
    return get(name, ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public List<SubscriptionInfo> list() {
    List<SubscriptionInfo> all = new ArrayList<>();
    String after = "";
    while (true) {
      ClientMessage request = ClientMessage.newBuilder().setSubscriptionList(
          SubscriptionListRequest.newBuilder().setAfter(after).setLimit(LIST_PAGE_SIZE)).build();
      SubscriptionListResponse page = Futures.await(client.submit(request, false, false, answer -> {
        if (!answer.hasSubscriptionList()) {
          throw new IllegalStateException("expected a subscription list, got " + answer.getBodyCase());
        }
        return answer.getSubscriptionList();
      }, ClientCore.Admission.WAIT), false);
      page.getSubscriptionsList().forEach(s -> all.add(WatchMessages.subscription(s)));
      if (!page.getMore()) {
        return all;
      }
      after = page.getNextAfter();
    }
  }

  private CompletableFuture<SubscriptionInfo> delete(String name, ClientCore.Admission a) {
    ClientMessage request = ClientMessage.newBuilder()
        .setSubscriptionDelete(SubscriptionDeleteRequest.newBuilder().setName(Objects.requireNonNull(name, "name"))).build();
    return client.submit(request, true, false, SubscriptionsClient::info, a);
  }

  @Override
  public SubscriptionInfo delete(String name) {
    return Futures.await(delete(name, ClientCore.Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<SubscriptionInfo> deleteAsync(String name) {
    return delete(name, ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public SubscriptionConsumer consume(String name, WatchListener listener) {
    Objects.requireNonNull(name, "name");
    return client.openStream(StreamOpening.consume(name), listener, 0);
  }
}
