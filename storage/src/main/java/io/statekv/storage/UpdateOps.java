package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * iii's update ops: parsing their JSON shape, and applying them best-effort.
 *
 * <p>Semantics follow iii's engine exactly (see docs/api.md for the table): a missing key starts
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
    private final int opIndex;

    public MalformedOpException(int opIndex, String message) {
      super("op " + opIndex + ": " + message);
      this.opIndex = opIndex;
    }

    public int opIndex() {
      return opIndex;
    }
  }
}
