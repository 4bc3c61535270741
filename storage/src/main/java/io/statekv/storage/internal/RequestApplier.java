package io.statekv.storage.internal;

import io.statekv.storage.Command;
import io.statekv.storage.Failure;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;

/**
 * Applies the requests of one log entry: answers retries from the client's session, validates
 * every command again, runs it, and caches its response.
 */
final class RequestApplier {
  private final ApplyContext ctx;
  private final StoredState stored;
  private final ClientSessions sessions;
  private final Writes writes;
  private boolean lastWasDuplicate;

  RequestApplier(ApplyContext ctx, StoredState stored, ClientSessions sessions) {
    this.ctx = ctx;
    this.stored = stored;
    this.sessions = sessions;
    this.writes = new Writes(ctx);
  }

  /** Whether the request last applied was a retry answered from its session. */
  boolean lastWasDuplicate() {
    return lastWasDuplicate;
  }

  Result apply(Request request) {
    lastWasDuplicate = false;
    if (request == null || request.command() == null) {
      return CommandValidation.invalid("a request without a command");
    }
    Request.Session s = request.session();
    if (s == null) {
      Result r = execute(request.command());
      sessions.evictBeyond(ctx.settings.sessionsMax(), null);
      return r;
    }
    if (s.clientId() == null) {
      return CommandValidation.invalid("a session without a client id");
    }
    switch (sessions.admit(s, ctx.time, ctx.settings.sessionsMax())) {
      case CACHED:
        lastWasDuplicate = true;
        return sessions.cached(s);
      case EXPIRED:
        return Result.Failed.of(
            Failure.SESSION_EXPIRED,
            "request " + s.seq() + " of client " + s.clientId()
                + " is older than its session keeps; it may have been applied");
      default:
        Result r = execute(request.command());
        sessions.record(s, r);
        sessions.evictBeyond(ctx.settings.sessionsMax(), s.clientId());
        return r;
    }
  }

  private Result execute(Command c) {
    Result.Failed invalid = CommandValidation.check(c, ctx.settings);
    if (invalid != null) {
      return invalid;
    }
    if (c instanceof Command.Txn t) {
      return new TxnCommand(writes).apply(t);
    }
    if (c instanceof Command.Expire e) {
      return new ExpireCommand(ctx, stored).apply(e);
    }
    if (c instanceof Command.ChangeSettings cs) {
      ctx.settings = cs.settings();
      return new Result.SettingsChanged(cs.settings());
    }
    return writes.apply((TxnOp) c);
  }
}
