package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.internal.JsonValues;
import java.util.List;

/**
 * The result of set, update, patch and append. Immutable; the value trees must not be modified
 * ({@link #newValue()} and {@code entry().value()} may be one tree).
 *
 * @param oldValue the value before the write; null when the key was absent
 * @param newValue the value after the write
 * @param entry the entry as written, with its new revision
 * @param errors for update: the ops that were skipped (iii's per-op errors); empty otherwise
 */
public record WriteResult(JsonNode oldValue, JsonNode newValue, Entry entry, List<UpdateError> errors) {
  public WriteResult {
    errors = List.copyOf(errors);
  }

  /** The revision of this write. */
  public long revision() {
    return entry.revision();
  }

  /** True when the key did not exist before. */
  public boolean created() {
    return oldValue == null;
  }

  /** The new value mapped to a Java type; see {@link Entry#as(Class)}. */
  public <T> T newValueAs(Class<T> type) {
    return JsonValues.convert(newValue, type);
  }
}
