package io.statekv.node.http.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operations of the JSON gateway, each at {@code POST /v1/state/<name>}. */
enum StateOp {
  GET("get"),
  GET_ENTRY("get_entry"),
  SET("set"),
  UPDATE("update"),
  PATCH("patch"),
  APPEND("append"),
  DELETE("delete"),
  LIST("list"),
  LIST_ENTRIES("list_entries"),
  LIST_GROUPS("list_groups"),
  TXN("txn");

  static final String PATH_PREFIX = "/v1/state/";

  private static final Map<String, StateOp> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(StateOp::opName, Function.identity()));

  private final String opName;

  StateOp(String opName) {
    this.opName = opName;
  }

  /** The name in the path and in metrics, such as {@code list_groups}. */
  String opName() {
    return opName;
  }

  /** Whether a per-op index in an error means something for this operation. */
  boolean hasOps() {
    return this == UPDATE || this == TXN;
  }

  /** The op at a path, or null. */
  static StateOp ofPath(String path) {
    return path.startsWith(PATH_PREFIX) ? BY_NAME.get(path.substring(PATH_PREFIX.length())) : null;
  }
}
