package io.statekv.client;

import java.util.OptionalLong;

/**
 * A change of cluster settings: the fields given replace the current values, the others stay.
 * Immutable; start from {@link #NONE}.
 */
public record SettingsChange(
    OptionalLong valueBytesMax,
    OptionalLong entriesMax,
    OptionalLong stateBytesMax,
    OptionalLong sessionsMax,
    OptionalLong sessionTtlMillis) {

  public static final SettingsChange NONE = new SettingsChange(
      OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

  public SettingsChange withValueBytesMax(long value) {
    return new SettingsChange(OptionalLong.of(value), entriesMax, stateBytesMax, sessionsMax, sessionTtlMillis);
  }

  public SettingsChange withEntriesMax(long value) {
    return new SettingsChange(valueBytesMax, OptionalLong.of(value), stateBytesMax, sessionsMax, sessionTtlMillis);
  }

  public SettingsChange withStateBytesMax(long value) {
    return new SettingsChange(valueBytesMax, entriesMax, OptionalLong.of(value), sessionsMax, sessionTtlMillis);
  }

  public SettingsChange withSessionsMax(long value) {
    return new SettingsChange(valueBytesMax, entriesMax, stateBytesMax, OptionalLong.of(value), sessionTtlMillis);
  }

  public SettingsChange withSessionTtlMillis(long value) {
    return new SettingsChange(valueBytesMax, entriesMax, stateBytesMax, sessionsMax, OptionalLong.of(value));
  }
}
