package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.internal.JsonValues;
import java.util.List;

/** One operation of a txn branch. Values are converted to JSON when the op is built. Immutable. */
public sealed interface TxnOp {

  String scope();

  String key();

  record Set(String scope, String key, JsonNode value, WriteOptions options) implements TxnOp {}

  record Update(String scope, String key, List<UpdateOp> ops, WriteOptions options) implements TxnOp {
    public Update {
      ops = List.copyOf(ops);
    }
  }

  record Patch(String scope, String key, JsonNode patch, WriteOptions options) implements TxnOp {}

  record Append(String scope, String key, JsonNode item, WriteOptions options) implements TxnOp {}

  record Delete(String scope, String key, WriteOptions options) implements TxnOp {}

  /** Reads a key as of that point of the txn. */
  record Get(String scope, String key) implements TxnOp {}

  static TxnOp set(String scope, String key, Object value) {
    return new Set(scope, key, JsonValues.toTree(value), WriteOptions.NONE);
  }

  static TxnOp set(String scope, String key, Object value, WriteOptions options) {
    return new Set(scope, key, JsonValues.toTree(value), options);
  }

  static TxnOp update(String scope, String key, List<UpdateOp> ops) {
    return new Update(scope, key, ops, WriteOptions.NONE);
  }

  static TxnOp update(String scope, String key, List<UpdateOp> ops, WriteOptions options) {
    return new Update(scope, key, ops, options);
  }

  static TxnOp patch(String scope, String key, Object patch) {
    return new Patch(scope, key, JsonValues.toTree(patch), WriteOptions.NONE);
  }

  static TxnOp append(String scope, String key, Object item) {
    return new Append(scope, key, JsonValues.toTree(item), WriteOptions.NONE);
  }

  static TxnOp delete(String scope, String key) {
    return new Delete(scope, key, WriteOptions.NONE);
  }

  static TxnOp delete(String scope, String key, WriteOptions options) {
    return new Delete(scope, key, options);
  }

  static TxnOp get(String scope, String key) {
    return new Get(scope, key);
  }
}
