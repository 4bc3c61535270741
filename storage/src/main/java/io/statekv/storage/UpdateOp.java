package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One iii update op. Paths follow iii exactly: {@code set}, {@code increment}, {@code decrement}
 * and {@code remove} take one literal first-level field name ({@code ""} is the root); {@code
 * merge} and {@code append} take a list of literal segments (empty is the root).
 *
 * <p>Values are JSON trees that must not be mutated after construction. Parse untrusted ops with
 * {@link UpdateOps#parse}, which rejects a malformed shape for the whole request.
 */
public sealed interface UpdateOp {

  /** iii's op name, used as the prefix of its error codes. */
  String name();

  /** Sets a first-level field, or replaces the root when {@code field} is empty. */
  record Set(String field, JsonNode value) implements UpdateOp {
    public String name() {
      return "set";
    }
  }

  /** Shallow-merges an object into the object at {@code path}, creating intermediates. */
  record Merge(List<String> path, JsonNode value) implements UpdateOp {
    public Merge {
      path = List.copyOf(path);
    }

    public String name() {
      return "merge";
    }
  }

  /** Adds {@code by} to a numeric first-level field, or to the root. */
  record Increment(String field, long by) implements UpdateOp {
    public String name() {
      return "increment";
    }
  }

  /** Subtracts {@code by} from a numeric first-level field, or from the root. */
  record Decrement(String field, long by) implements UpdateOp {
    public String name() {
      return "decrement";
    }
  }

  /** Pushes onto an array, or concatenates onto a string, at {@code path}. */
  record Append(List<String> path, JsonNode value) implements UpdateOp {
    public Append {
      path = List.copyOf(path);
    }

    public String name() {
      return "append";
    }
  }

  /** Removes a first-level field, or sets the root to null when {@code field} is empty. */
  record Remove(String field) implements UpdateOp {
    public String name() {
      return "remove";
    }
  }
}
