package io.statekv.node.dispatch.internal;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.protocol.v1.SubscriptionCreateRequest;
import io.statekv.protocol.v1.SubscriptionGetRequest;
import io.statekv.protocol.v1.SubscriptionListRequest;
import io.statekv.storage.Limits;

/** Edge checks of the subscription requests the dispatcher serves. Stateless and thread-safe. */
final class SubscriptionChecks {
  private SubscriptionChecks() {}

  static void create(SubscriptionCreateRequest create) {
    String problem = SubscriptionRecords.checkCreate(create);
    if (problem != null) {
      throw RejectedRequestException.invalid(problem);
    }
  }

  static void name(String name) {
    String problem = SubscriptionRecords.checkName(name);
    if (problem != null) {
      throw RejectedRequestException.invalid(problem);
    }
  }

  static void get(SubscriptionGetRequest get) {
    name(get.getName());
    ReadChecks.readOptions(get.getConsistency(), get.getMinRevision());
  }

  static void list(SubscriptionListRequest list) {
    if (!list.getAfter().isEmpty()) {
      name(list.getAfter());
    }
    if (Integer.compareUnsigned(list.getLimit(), Limits.LIST_LIMIT_MAX) > 0) {
      throw RejectedRequestException.invalid(
          "limit " + Integer.toUnsignedString(list.getLimit()) + " is more than list_limit_max " + Limits.LIST_LIMIT_MAX);
    }
    ReadChecks.readOptions(list.getConsistency(), list.getMinRevision());
  }
}
