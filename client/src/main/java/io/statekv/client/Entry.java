package io.statekv.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.client.internal.JsonValues;
import java.util.Optional;

/**
 * One stored value and its metadata. Immutable; the value tree must not be modified.
 *
 * @param value the JSON value; null in a keys-only listing
 * @param revision the revision (Raft log index) of the entry's last change
 * @param createRevision the revision at which the entry was created
 * @param version changes since creation, from 1
 * @param createdAt leader time of creation, epoch milliseconds
 * @param updatedAt leader time of the last change, epoch milliseconds
 * @param expiresAt leader time of expiry, epoch milliseconds; 0 when the entry does not expire
 */
public record Entry(
    String scope,
    String key,
    JsonNode value,
    long revision,
    long createRevision,
    long version,
    long createdAt,
    long updatedAt,
    long expiresAt) {

  /** The expiry time, if the entry expires. */
  public Optional<Long> expiry() {
    return expiresAt == 0 ? Optional.empty() : Optional.of(expiresAt);
  }

  /**
   * Maps the value to a Java type with the client's shared Jackson mapper (Jackson's defaults,
   * except that unknown JSON properties are ignored).
   *
   * @throws IllegalArgumentException if the value does not map to {@code type}
   */
  public <T> T as(Class<T> type) {
    return JsonValues.convert(value, type);
  }

  /** Like {@link #as(Class)}, for generic types such as {@code List<Order>}. */
  public <T> T as(TypeReference<T> type) {
    return JsonValues.convert(value, type);
  }

  /** Like {@link #as(Class)}, with a mapper of your own configuration. */
  public <T> T as(Class<T> type, ObjectMapper mapper) {
    return mapper.convertValue(value, type);
  }
}
