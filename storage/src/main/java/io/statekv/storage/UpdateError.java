package io.statekv.storage;

/**
 * One per-op error of an update, in iii's shape: the op was skipped and the others still applied.
 *
 * @param opIndex position of the op in the request, from 0
 * @param code iii's code, such as {@code increment.not_number} or {@code merge.path.too_deep}
 * @param message a human-readable explanation
 */
public record UpdateError(int opIndex, String code, String message) {
  /** iii's documentation link for its update error codes. */
  public static final String DOC_URL = "https://iii.dev/docs/workers/iii-state#error-codes";
}
