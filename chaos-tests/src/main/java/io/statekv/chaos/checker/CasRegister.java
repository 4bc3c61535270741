package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.statekv.chaos.checker.internal.JsonValues;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A single register with read, write and compare-and-set, starting unset (JSON null).
 *
 * <ul>
 *   <li>{@code read}: invoke value null; an ok result is the value read, null when unset.
 *   <li>{@code write}: the value to write.
 *   <li>{@code cas}: {@code [expected, new]}; ok means the register held {@code expected} and now
 *       holds {@code new}.
 * </ul>
 *
 * <p>Outcomes: ok ops happened with the recorded result. Failed ops did not happen and are
 * dropped, as Jepsen's Knossos does. Info and open ops may take effect at any point after their
 * invocation, or never. A failed cas does say more, that the compare found another value, and
 * {@link FailedCas#OBSERVED_MISMATCH} checks that too (as Porcupine's etcd model does); use it
 * only when the recorder writes {@code fail} for a cas solely when the compare itself failed,
 * never for a request rejected before it reached the register. Stateless and thread-safe; the
 * state is an immutable canonical {@link JsonNode}.
 */
public final class CasRegister implements Model<JsonNode> {
  /** The name on the command line. */
  public static final String NAME = "cas-register";

  /** What a failed cas tells the checker. */
  public enum FailedCas {
    /** Nothing: the cas did not take effect, and is dropped like any failed op. */
    NO_EFFECT,
    /** The cas took effect as a compare and found a value other than the expected one. */
    OBSERVED_MISMATCH
  }

  private final FailedCas failedCas;

  /** A register that treats a failed cas as having had no effect. */
  public CasRegister() {
    this(FailedCas.NO_EFFECT);
  }

  /** A register that reads failed cas ops as {@code failedCas} says. */
  public CasRegister(FailedCas failedCas) {
    this.failedCas = Objects.requireNonNull(failedCas, "failedCas");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JsonNode init() {
    return NullNode.getInstance();
  }

  /** Steps an operation as {@link #partition} returned it, with canonical values. */
  @Override
  public JsonNode step(JsonNode state, Operation op) {
    switch (op.f()) {
      case "read":
        return !op.isOk() || state.equals(op.completionValue()) ? state : null;
      case "write":
        return op.invokeValue();
      case "cas":
        return stepCas(state, op);
      default:
        throw new IllegalArgumentException("cas-register has no function '" + op.f() + "'");
    }
  }

  private static JsonNode stepCas(JsonNode state, Operation op) {
    JsonNode expected = op.invokeValue().get(0);
    JsonNode next = op.invokeValue().get(1);
    boolean matches = state.equals(expected);
    if (op.isOk()) {
      return matches ? next : null;
    }
    if (op.isFail()) {
      return matches ? null : state;
    }
    return matches ? next : state;
  }

  @Override
  public List<Partition> partition(List<Operation> operations) {
    return List.of(new Partition("register", relevant(operations)));
  }

  /**
   * Validates the operations of one register, drops those that neither changed nor observed it
   * and makes the values of the others canonical.
   *
   * @throws MalformedHistoryException if an operation is not a valid read, write or cas
   */
  List<Operation> relevant(List<Operation> operations) {
    List<Operation> kept = new ArrayList<>(operations.size());
    for (Operation op : operations) {
      validate(op);
      boolean observes = op.f().equals("cas") && failedCas == FailedCas.OBSERVED_MISMATCH;
      boolean dropped = op.isFail() && !observes;
      if (!dropped) {
        kept.add(JsonValues.canonical(op));
      }
    }
    return kept;
  }

  private static void validate(Operation op) {
    switch (op.f()) {
      case "read", "write" -> { }
      case "cas" -> {
        JsonNode value = op.invokeValue();
        if (!value.isArray() || value.size() != 2) {
          throw new MalformedHistoryException(op.invoke().line(),
              "cas value must be [expected, new], got " + value);
        }
      }
      default -> throw new MalformedHistoryException(op.invoke().line(),
          "the cas-register model has no function '" + op.f() + "' (read, write or cas)");
    }
  }

  @Override
  public String describe(JsonNode state) {
    return state.isNull() ? "unset" : state.toString();
  }
}
