package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of a delete. Immutable.
 *
 * @param oldValue the deleted value; null when the key was absent and nothing changed
 * @param revision the revision of the deletion; 0 when nothing changed
 */
public record DeleteResult(JsonNode oldValue, long revision) {
  /** True when a value was deleted. */
  public boolean deleted() {
    return oldValue != null;
  }
}
