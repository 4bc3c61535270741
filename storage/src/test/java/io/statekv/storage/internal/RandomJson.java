package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Random JSON values and iii update ops for property tests. Names come from a small alphabet so
 * that ops often hit existing members, and include the pollution names and non-ASCII text. Trees
 * are built from canonical node types (those the codec's parser gives), so they compare fairly.
 */
final class RandomJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> NAMES = List.of("a", "b", "c", "n", "list", "é", "😀", "a.b", "");
  private static final List<String> RARE_NAMES = List.of("__proto__", "constructor", "prototype");
  private static final List<String> OP_TYPES = List.of("set", "merge", "increment", "decrement", "append", "remove");

  private final Random random;

  RandomJson(Random random) {
    this.random = random;
  }

  String name() {
    return random.nextInt(20) == 0 ? RARE_NAMES.get(random.nextInt(RARE_NAMES.size())) : NAMES.get(random.nextInt(NAMES.size()));
  }

  /** Any JSON value, at most {@code depth} levels deep; object members may be null. */
  JsonNode value(int depth) {
    return value(depth, true);
  }

  /**
   * Any JSON value, at most {@code depth} levels deep. Without {@code nullMembers}, no object
   * member is null (a merge patch cannot express one), though arrays may still hold nulls.
   */
  JsonNode value(int depth, boolean nullMembers) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.booleanNode(random.nextBoolean());
      case 2:
        return number();
      case 3:
      case 4:
        return NODES.textNode(name() + (random.nextBoolean() ? "" : "x"));
      case 5:
        return number();
      case 6:
        return array(depth - 1, nullMembers);
      default:
        return object(depth - 1, nullMembers);
    }
  }

  ObjectNode object(int depth, boolean nullMembers) {
    ObjectNode object = NODES.objectNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      JsonNode member = value(Math.max(depth, 0), nullMembers);
      if (!nullMembers && member.isNull()) {
        member = NODES.numberNode(0);
      }
      object.set(name(), member);
    }
    return object;
  }

  private ArrayNode array(int depth, boolean nullMembers) {
    ArrayNode array = NODES.arrayNode();
    for (int i = random.nextInt(3); i > 0; i--) {
      array.add(value(Math.max(depth, 0), nullMembers));
    }
    return array;
  }

  /** Integers across int, long, u64 and beyond, and finite doubles. */
  JsonNode number() {
    switch (random.nextInt(7)) {
      case 0:
        return CounterArithmetic.integer(random.nextInt(21) - 10);
      case 1:
        return CounterArithmetic.integer(random.nextLong());
      case 2:
        return CounterArithmetic.integer(random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3));
      case 3:
        return CounterArithmetic.integer(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(1 + random.nextInt(3))));
      case 4:
        return CounterArithmetic.integer(new BigInteger(80, random));
      case 5:
        return NODES.numberNode(random.nextInt(2001) / 8.0 - 125);
      default:
        return NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
    }
  }

  long by() {
    switch (random.nextInt(5)) {
      case 0:
        return Long.MAX_VALUE;
      case 1:
        return Long.MIN_VALUE;
      case 2:
        return random.nextLong();
      default:
        return random.nextInt(11) - 5;
    }
  }

  /** One op in iii's JSON shape, valid in shape (it may still fail when applied). */
  ObjectNode op() {
    String type = OP_TYPES.get(random.nextInt(OP_TYPES.size()));
    ObjectNode op = NODES.objectNode().put("type", type);
    boolean segments = type.equals("merge") || type.equals("append");
    int pathKind = random.nextInt(6);
    if (pathKind == 1) {
      op.putNull("path");
    } else if (pathKind == 2) {
      op.put("path", "");
    } else if (pathKind >= 3 && segments && random.nextBoolean()) {
      ArrayNode path = op.putArray("path");
      for (int i = random.nextInt(4); i > 0; i--) {
        path.add(name());
      }
    } else if (pathKind >= 3) {
      op.put("path", name());
    }
    if (type.equals("increment") || type.equals("decrement")) {
      op.put("by", by());
    } else if (type.equals("merge")) {
      op.set("value", random.nextInt(8) == 0 ? value(2) : object(2, true));
    } else if (!type.equals("remove") && (type.equals("append") || random.nextInt(6) > 0)) {
      op.set("value", value(2));
    }
    return op;
  }

  ArrayNode ops(int max) {
    ArrayNode ops = NODES.arrayNode();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      ops.add(op());
    }
    return ops;
  }
}
