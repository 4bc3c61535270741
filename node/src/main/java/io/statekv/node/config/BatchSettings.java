package io.statekv.node.config;

/**
 * How the leader batches client commands into log entries.
 *
 * @param commandsMax client commands in one log entry at most
 * @param proposalsInFlightMax log entries the leader keeps in flight at once
 * @param pipelineCommandsMin commands per entry in flight that a further entry must hold to leave
 *     while others are in flight (0: whenever a slot is free)
 */
public record BatchSettings(int commandsMax, int proposalsInFlightMax, int pipelineCommandsMin) {}
