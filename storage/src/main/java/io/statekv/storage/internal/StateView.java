package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;

/**
 * Everything that makes up the replicated state, as snapshots and the state hash read it. Only
 * valid while no apply runs.
 */
record StateView(
    long revision, long stamp, ClusterSettings settings, ClientSessions sessions, StoredState stored) {}
