package io.statekv.storage.internal;

/**
 * Appends an item to a compact JSON array by splicing bytes, without parsing the array.
 *
 * <p>A compact array is {@code [} elements joined by {@code ,} {@code ]}, so the result is exactly
 * what re-serialising the parsed array with the item added would give, at the cost of a copy.
 */
final class JsonArrays {
  private JsonArrays() {}

  /** {@code [item]} when {@code array} is null; otherwise the array with the item appended. */
  static byte[] append(byte[] array, byte[] item) {
    if (array == null) {
      byte[] out = new byte[item.length + 2];
      out[0] = '[';
      System.arraycopy(item, 0, out, 1, item.length);
      out[out.length - 1] = ']';
      return out;
    }
    boolean empty = array.length == 2;
    int prefix = array.length - 1;
    byte[] out = new byte[prefix + (empty ? 0 : 1) + item.length + 1];
    System.arraycopy(array, 0, out, 0, prefix);
    int pos = prefix;
    if (!empty) {
      out[pos++] = ',';
    }
    System.arraycopy(item, 0, out, pos, item.length);
    out[out.length - 1] = ']';
    return out;
  }
}
