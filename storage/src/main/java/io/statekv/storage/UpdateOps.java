package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * iii's update ops: parsing their JSON shape, and applying them best-effort.
 *
 * <p>Semantics follow iii's engine exactly (see docs/api-update-ops.md for the table): a missing key starts
 * as {@code {}}; each op either applies or adds one {@link UpdateError} and is skipped; integers
 * stay integers and floats stay floats.
 */
public final class UpdateOps {
  private UpdateOps() {}

  /**
   * The result of applying ops to a value.
   *
   * @param value the new value; a fresh tree, never one of the inputs
   * @param errors per-op errors, in op order
   */
  public record Outcome(JsonNode value, List<UpdateError> errors) {
    public Outcome {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Parses an iii {@code ops} array. A malformed shape (unknown type, a missing or mistyped
   * required field, a path of the wrong JSON type) rejects the whole request.
   *
   * @throws MalformedOpException naming the first offending op
   */
  public static List<UpdateOp> parse(JsonNode ops) {
    return io.statekv.storage.internal.UpdateOpParser.parse(ops);
  }

  /**
   * Applies ops in order to {@code current} (null when the key is missing). Never mutates its
   * inputs.
   */
  public static Outcome apply(JsonNode current, List<UpdateOp> ops) {
    return io.statekv.storage.internal.UpdateOpApplier.apply(current, ops);
  }

  /** Thrown by {@link #parse} for a malformed op shape. */
  public static final class MalformedOpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The {@link #opIndex} that blames the {@code ops} value as a whole rather than one op. */
    public static final int OPS_FIELD = -1;

    private final int opIndex;

    public MalformedOpException(int opIndex, String message) {
      super(opIndex == OPS_FIELD ? "ops: " + message : "op " + opIndex + ": " + message);
      this.opIndex = opIndex;
    }

    /**
     * Position of the offending op, from 0; {@link #OPS_FIELD} when the {@code ops} value itself is
     * malformed (not an array, or more than {@link Limits#UPDATE_OPS_MAX} ops).
     */
    public int opIndex() {
      return opIndex;
    }
  }
}
