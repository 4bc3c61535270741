package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigInteger;

/**
 * The number rules of iii's increment and decrement, whose values are serde_json numbers: an i64, a
 * u64 or an f64.
 *
 * <ul>
 *   <li>An integer stays an integer. iii tries i64 arithmetic, then u64, and refuses a result that
 *       fits neither; that is exactly "the exact result if it lies in [-2^63, 2^64 - 1]".
 *   <li>A float stays a float: {@code value + (double) by}, refused if not finite.
 *   <li>An integer outside [-2^63, 2^64 - 1] can be stored here but never in iii, whose parser
 *       reads it as an f64. It is stepped as that f64, so the same text gives the same number as in
 *       iii (as a float).
 * </ul>
 *
 * <p>Results use the node type Jackson's parser would give the same number (int, long, big integer
 * or double), so a result equals its own serialized and re-parsed form. Stateless and thread-safe.
 */
final class CounterArithmetic {
  private CounterArithmetic() {}

  private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The value a missing field or missing key takes: {@code by}, or {@code -by} to subtract. */
  static JsonNode start(long by, boolean subtract) {
    if (!subtract) {
      return integer(by);
    }
    // -i64::MIN does not fit an i64; iii stores it as the u64 2^63.
    return by == Long.MIN_VALUE ? integer(BigInteger.valueOf(by).negate()) : integer(-by);
  }

  /**
   * Adds (or subtracts) {@code by} to a number, or returns null when {@code current} is not a
   * number or the result has no representation in iii's number model.
   */
  static JsonNode step(JsonNode current, long by, boolean subtract) {
    if (current == null || !current.isNumber()) {
      return null;
    }
    if (current.isIntegralNumber()) {
      if (current.canConvertToLong()) {
        long value = current.longValue();
        try {
          return integer(subtract ? Math.subtractExact(value, by) : Math.addExact(value, by));
        } catch (ArithmeticException overflow) {
          return wideInteger(BigInteger.valueOf(value), by, subtract);
        }
      }
      BigInteger value = current.bigIntegerValue();
      if (value.compareTo(U64_MAX) <= 0 && value.compareTo(I64_MIN) >= 0) {
        return wideInteger(value, by, subtract);
      }
    }
    double value = current.doubleValue();
    double result = subtract ? value - (double) by : value + (double) by;
    return Double.isFinite(result) ? DoubleNode.valueOf(result) : null;
  }

  private static JsonNode wideInteger(BigInteger value, long by, boolean subtract) {
    BigInteger step = BigInteger.valueOf(by);
    BigInteger result = subtract ? value.subtract(step) : value.add(step);
    if (result.compareTo(I64_MIN) < 0 || result.compareTo(U64_MAX) > 0) {
      return null;
    }
    return integer(result);
  }

  static JsonNode integer(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  static JsonNode integer(BigInteger value) {
    return value.bitLength() < 64 ? integer(value.longValue()) : BigIntegerNode.valueOf(value);
  }
}
