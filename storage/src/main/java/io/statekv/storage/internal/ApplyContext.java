package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;

/**
 * What every request of one log entry shares: its revision, its effective leader time, the
 * settings in force (a settings change takes effect for the requests after it), and the staged
 * writes.
 */
final class ApplyContext {
  final long revision;
  final long time;
  final StagedWrites staged;
  ClusterSettings settings;

  ApplyContext(long revision, long time, ClusterSettings settings, StagedWrites staged) {
    this.revision = revision;
    this.time = time;
    this.settings = settings;
    this.staged = staged;
  }
}
