package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.ListGroupsRequest;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.storage.Limits;

/** Edge checks of reads. Stateless and thread-safe. */
final class ReadChecks {
  private ReadChecks() {}

  static void get(GetRequest get) {
    Names.address(get.getScope(), get.getKey());
    readOptions(get.getConsistency(), get.getMinRevision());
  }

  /** A limit of 0 asks for the node's default page size; above {@link Limits#LIST_LIMIT_MAX} is refused. */
  static void list(ListRequest list) {
    Names.scope(list.getScope());
    Names.keyPart("prefix", list.getPrefix());
    Names.keyPart("after", list.getAfter());
    if (Integer.compareUnsigned(list.getLimit(), Limits.LIST_LIMIT_MAX) > 0) {
      throw RejectedRequestException.invalid(
          "limit " + Integer.toUnsignedString(list.getLimit()) + " is more than list_limit_max " + Limits.LIST_LIMIT_MAX);
    }
    readOptions(list.getConsistency(), list.getMinRevision());
  }

  static void listGroups(ListGroupsRequest listGroups) {
    readOptions(listGroups.getConsistency(), listGroups.getMinRevision());
  }

  static void readOptions(Consistency consistency, long minRevision) {
    if (consistency == Consistency.UNRECOGNIZED) {
      throw RejectedRequestException.invalid("unknown consistency");
    }
    if (minRevision < 0) {
      throw RejectedRequestException.invalid("min_revision is out of range: " + Long.toUnsignedString(minRevision));
    }
  }
}
