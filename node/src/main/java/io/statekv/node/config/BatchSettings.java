package io.statekv.node.config;

/**
 * How the leader batches client commands into log entries.
 *
 * @param commandsMax client commands in one log entry at most
 * @param proposalsInFlightMax log entries the leader keeps in flight at once
 */
public record BatchSettings(int commandsMax, int proposalsInFlightMax) {}
