package io.statekv.client;

/**
 * One update op that was skipped; the other ops still applied (iii's best-effort semantics).
 *
 * @param opIndex the op's position in the request, from 0
 * @param code iii's code, such as {@code increment.not_number}
 * @param message what went wrong
 */
public record UpdateError(int opIndex, String code, String message) {}
