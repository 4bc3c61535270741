package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.storage.Limits;

/**
 * Edge checks of the single-key writes. Each returns the request as it may enter the log: names
 * checked, optional numbers in range, and JSON re-encoded in its compact form. Stateless and
 * thread-safe.
 */
final class WriteChecks {
  private WriteChecks() {}

  static SetRequest set(SetRequest request, int valueBytesMax) {
    Names.address(request.getScope(), request.getKey());
    ttl(request.hasTtlSeconds(), request.getTtlSeconds());
    ifRevision(request.hasIfRevision(), request.getIfRevision());
    JsonInput.Checked value = JsonInput.check("value_json", request.getValueJson(), valueBytesMax);
    return value.compact() == request.getValueJson()
        ? request
        : request.toBuilder().setValueJson(value.compact()).build();
  }

  static UpdateRequest update(UpdateRequest request, int valueBytesMax) {
    Names.address(request.getScope(), request.getKey());
    ttl(request.hasTtlSeconds(), request.getTtlSeconds());
    ifRevision(request.hasIfRevision(), request.getIfRevision());
    return UpdateOpShapes.check(request, valueBytesMax);
  }

  static PatchRequest patch(PatchRequest request, int valueBytesMax) {
    Names.address(request.getScope(), request.getKey());
    ttl(request.hasTtlSeconds(), request.getTtlSeconds());
    ifRevision(request.hasIfRevision(), request.getIfRevision());
    JsonInput.Checked patch = JsonInput.check("patch_json", request.getPatchJson(), valueBytesMax);
    return patch.compact() == request.getPatchJson()
        ? request
        : request.toBuilder().setPatchJson(patch.compact()).build();
  }

  static AppendRequest append(AppendRequest request, int valueBytesMax) {
    Names.address(request.getScope(), request.getKey());
    ttl(request.hasTtlSeconds(), request.getTtlSeconds());
    ifRevision(request.hasIfRevision(), request.getIfRevision());
    JsonInput.Checked item = JsonInput.check("item_json", request.getItemJson(), valueBytesMax);
    return item.compact() == request.getItemJson()
        ? request
        : request.toBuilder().setItemJson(item.compact()).build();
  }

  static DeleteRequest delete(DeleteRequest request) {
    Names.address(request.getScope(), request.getKey());
    ifRevision(request.hasIfRevision(), request.getIfRevision());
    return request;
  }

  /**
   * A TTL, when given, is 1..{@link Limits#TTL_SECONDS_MAX}. An explicit 0 is refused rather than
   * read as "no TTL": on {@code set} the two would differ (absent clears the expiry), and a caller
   * who wrote 0 most likely meant something else.
   */
  static void ttl(boolean present, long ttlSeconds) {
    if (present && (ttlSeconds < 1 || ttlSeconds > Limits.TTL_SECONDS_MAX)) {
      throw RejectedRequestException.invalid(
          "ttl_seconds must be within [1, " + Limits.TTL_SECONDS_MAX + "] when given: "
              + Long.toUnsignedString(ttlSeconds));
    }
  }

  /** An if_revision, when given, is 0 ("must not exist") or a revision; uint64 values past a long are refused. */
  static void ifRevision(boolean present, long ifRevision) {
    if (present && ifRevision < 0) {
      throw RejectedRequestException.invalid(
          "if_revision is out of range: " + Long.toUnsignedString(ifRevision));
    }
  }
}
