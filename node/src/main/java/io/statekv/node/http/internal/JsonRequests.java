package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateOp;
import java.util.List;

/**
 * The gateway's JSON readers for other parts of the node (the command line), so that an {@code
 * ops} array or a txn is written the same way everywhere. Stateless and thread-safe.
 */
public final class JsonRequests {
  private JsonRequests() {}

  /**
   * Reads iii's {@code ops} array.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static List<UpdateOp> ops(JsonNode ops) {
    try {
      return OpsConverter.convert(ops, "ops");
    } catch (GatewayException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Reads a txn in the shape of {@code POST /v1/state/txn} (docs/api.md).
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static TxnRequest txn(JsonNode body) {
    try {
      return TxnRequests.txn(body);
    } catch (GatewayException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
