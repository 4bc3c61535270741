package io.statekv.node.dispatch.internal;

import io.statekv.storage.Validation;

/**
 * The naming rules of the data model, as edge checks that throw: scopes (with {@code _} reserved
 * for the system), keys, and the key-shaped list cursors. Stateless and thread-safe.
 */
final class Names {
  private Names() {}

  static void scope(String scope) {
    String problem = Validation.checkClientScope(scope);
    if (problem != null) {
      throw RejectedRequestException.invalid(problem);
    }
  }

  static void key(String key) {
    String problem = Validation.checkKey(key);
    if (problem != null) {
      throw RejectedRequestException.invalid(problem);
    }
  }

  static void address(String scope, String key) {
    scope(scope);
    key(key);
  }

  /** A key prefix or cursor: empty, or any string that could be (the start of) a key. */
  static void keyPart(String field, String value) {
    if (value.isEmpty()) {
      return;
    }
    String problem = Validation.checkKey(value);
    if (problem != null) {
      throw RejectedRequestException.invalid(field + ": " + problem);
    }
  }
}
