package io.statekv.storage.internal;

import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The client sessions that make writes exactly-once: for each client, the encoded responses of its
 * recent requests, a floor below which responses are forgotten, and when it was last seen in
 * leader time.
 *
 * <p>Rules, all deterministic:
 *
 * <ul>
 *   <li>A request whose (client, seq) has a cached response gets it back and is not applied again.
 *   <li>A request numbered below the floor gets {@code session_expired}: its response is gone and
 *       it may have been applied.
 *   <li>Otherwise the request is applied and its response cached. Every applied seq at or above
 *       the floor therefore has its response cached.
 *   <li>{@code acked_below} drops the responses below it and raises the floor to it.
 *   <li>At most {@link Limits#SESSION_RESPONSES_MAX} responses per client, and at most {@link
 *       Limits#SESSION_RESPONSE_BYTES_MAX} of them across all clients: dropping responses, lowest
 *       seq first and least recently seen client first, raises that client's floor past them.
 *   <li>At most {@code sessions_max} clients: a new one evicts the least recently seen (ties by
 *       client id). A client idle for longer than {@code session_ttl_millis} is evicted when a
 *       log entry is applied.
 * </ul>
 *
 * A client that comes back after its session was evicted starts a new one with its floor at its
 * {@code acked_below}; a retry of a request applied before the eviction cannot be recognised then.
 * The bounds above make that a matter of minutes of silence or of ten thousand newer clients.
 *
 * <p>Confined to the apply thread (and to snapshot and hash, which exclude apply).
 */
final class ClientSessions {

  /** One client's session. */
  static final class Session {
    final UUID clientId;
    long floor;
    long lastSeen;
    final TreeMap<Long, byte[]> responses = new TreeMap<>();
    long responseBytes;

    Session(UUID clientId, long floor, long lastSeen) {
      this.clientId = clientId;
      this.floor = floor;
      this.lastSeen = lastSeen;
    }
  }

  /** What to do with a request. */
  enum Verdict {
    APPLY,
    CACHED,
    EXPIRED
  }

  private static final Comparator<Session> BY_LAST_SEEN =
      Comparator.<Session>comparingLong(s -> s.lastSeen).thenComparing(s -> s.clientId);

  private final TreeMap<UUID, Session> byId = new TreeMap<>();
  private final TreeSet<Session> byLastSeen = new TreeSet<>(BY_LAST_SEEN);
  private long responseBytes;
  /** Where responses are encoded before they are copied out at their exact size. */
  private final BinaryWriter scratch = new BinaryWriter(ResultCodec.SCRATCH_BYTES);
  private volatile int count;

  int size() {
    return count;
  }

  Collection<Session> inClientIdOrder() {
    return byId.values();
  }

  /** Evicts every session idle for longer than {@code ttlMillis} at {@code nowMillis}. */
  void evictIdle(long nowMillis, long ttlMillis) {
    while (!byLastSeen.isEmpty() && nowMillis - byLastSeen.first().lastSeen > ttlMillis) {
      evict(byLastSeen.first());
    }
  }

  /**
   * Evicts least recently seen sessions until at most {@code sessionsMax} remain, sparing the
   * session of {@code spared} (null to spare none), whose request is being answered.
   */
  void evictBeyond(int sessionsMax, UUID spared) {
    Iterator<Session> lru = byLastSeen.iterator();
    while (byId.size() > sessionsMax && lru.hasNext()) {
      Session s = lru.next();
      if (!s.clientId.equals(spared)) {
        lru.remove();
        byId.remove(s.clientId);
        responseBytes -= s.responseBytes;
      }
    }
    count = byId.size();
  }

  /**
   * Decides a request's fate, after taking its {@code acked_below} into account; marks the client
   * seen. A new client gets a session. The cached response, if any, is {@link #cached}.
   */
  Verdict admit(Request.Session rs, long nowMillis, int sessionsMax) {
    Session s = byId.get(rs.clientId());
    if (s == null) {
      evictBeyond(sessionsMax - 1, null);
      s = new Session(rs.clientId(), rs.ackedBelow(), nowMillis);
      byId.put(s.clientId, s);
      byLastSeen.add(s);
      count = byId.size();
    } else {
      see(s, nowMillis);
      dropBelow(s, rs.ackedBelow());
    }
    if (s.responses.containsKey(rs.seq())) {
      return Verdict.CACHED;
    }
    return rs.seq() < s.floor ? Verdict.EXPIRED : Verdict.APPLY;
  }

  /** The cached response of an admitted request that {@link #admit} found {@code CACHED}. */
  Result cached(Request.Session rs) {
    return ResultCodec.decode(byId.get(rs.clientId()).responses.get(rs.seq()));
  }

  /** Caches the response of an applied request, then enforces the response bounds. */
  void record(Request.Session rs, Result result) {
    Session s = byId.get(rs.clientId());
    byte[] encoded = ResultCodec.encode(result, scratch);
    s.responses.put(rs.seq(), encoded);
    s.responseBytes += encoded.length;
    responseBytes += encoded.length;
    while (s.responses.size() > Limits.SESSION_RESPONSES_MAX) {
      dropLowest(s);
    }
    Iterator<Session> lru = byLastSeen.iterator();
    while (responseBytes > Limits.SESSION_RESPONSE_BYTES_MAX && lru.hasNext()) {
      Session victim = lru.next();
      while (responseBytes > Limits.SESSION_RESPONSE_BYTES_MAX && !victim.responses.isEmpty()) {
        dropLowest(victim);
      }
    }
  }

  /** Restores a session from a snapshot; sessions arrive in client id order. */
  void restore(Session s) {
    byId.put(s.clientId, s);
    byLastSeen.add(s);
    for (byte[] r : s.responses.values()) {
      s.responseBytes += r.length;
      responseBytes += r.length;
    }
    count = byId.size();
  }

  private void see(Session s, long nowMillis) {
    if (s.lastSeen != nowMillis) {
      byLastSeen.remove(s);
      s.lastSeen = nowMillis;
      byLastSeen.add(s);
    }
  }

  private void dropBelow(Session s, long ackedBelow) {
    while (!s.responses.isEmpty() && s.responses.firstKey() < ackedBelow) {
      dropLowest(s);
    }
    s.floor = Math.max(s.floor, ackedBelow);
  }

  private void dropLowest(Session s) {
    Map.Entry<Long, byte[]> lowest = s.responses.pollFirstEntry();
    s.responseBytes -= lowest.getValue().length;
    responseBytes -= lowest.getValue().length;
    s.floor = Math.max(s.floor, lowest.getKey() + 1);
  }

  private void evict(Session s) {
    byLastSeen.remove(s);
    byId.remove(s.clientId);
    responseBytes -= s.responseBytes;
    count = byId.size();
  }
}
