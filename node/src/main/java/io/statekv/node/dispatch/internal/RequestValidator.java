package io.statekv.node.dispatch.internal;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateRequest;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The node's edge: checks a client request fully before anything can reach the log, and turns a
 * valid write into the {@link ClientCommand} that is replicated.
 *
 * <p>Pure: it reads no replica, clock or configuration beyond what it is given, so every rule can
 * be tested on its own. A refused request throws {@link RejectedRequestException} with the code of
 * the error table; a valid one comes back with its JSON in compact form. Thread-safe.
 */
public final class RequestValidator {
  private final int requestBytesMax;

  /** @param requestBytesMax the largest serialized request accepted, in bytes */
  public RequestValidator(int requestBytesMax) {
    if (requestBytesMax < 1024) {
      throw new IllegalArgumentException("request_bytes_max must be at least 1024: " + requestBytesMax);
    }
    this.requestBytesMax = requestBytesMax;
  }

  /**
   * Checks a request.
   *
   * @param hasClientId whether the caller has a client id (from a Hello); session numbers need one
   * @param valueBytesMax the cluster's current {@code value_bytes_max}
   * @return the request as it may be served, with compact JSON
   * @throws RejectedRequestException when the request is refused
   */
  public ClientMessage validate(ClientMessage message, boolean hasClientId, int valueBytesMax) {
    int size = message.getSerializedSize();
    if (size > requestBytesMax) {
      throw new RejectedRequestException(
          ErrorCode.REQUEST_TOO_LARGE, "request is " + size + " bytes, more than request_bytes_max " + requestBytesMax);
    }
    RequestKind kind = RequestKind.of(message.getBodyCase());
    session(message, kind, hasClientId);
    return body(message, valueBytesMax);
  }

  private static void session(ClientMessage message, RequestKind kind, boolean hasClientId) {
    if (!message.hasSession()) {
      return;
    }
    if (kind != RequestKind.WRITE) {
      throw RejectedRequestException.invalid("session numbers belong to writes only");
    }
    if (!hasClientId) {
      throw RejectedRequestException.invalid("session numbers need a client id from the connection's Hello");
    }
    SessionInfo session = message.getSession();
    if (session.getSeq() < 1) {
      throw RejectedRequestException.invalid("session seq must be at least 1: " + Long.toUnsignedString(session.getSeq()));
    }
    if (session.getAckedBelow() < 0 || session.getAckedBelow() > session.getSeq()) {
      throw RejectedRequestException.invalid(
          "session acked_below must be within [0, seq]: " + Long.toUnsignedString(session.getAckedBelow()));
    }
  }

  private static ClientMessage body(ClientMessage message, int valueBytesMax) {
    switch (message.getBodyCase()) {
      case SET -> {
        SetRequest set = message.getSet();
        return checked(message, set, WriteChecks.set(set, valueBytesMax), ClientMessage.Builder::setSet);
      }
      case UPDATE -> {
        UpdateRequest update = message.getUpdate();
        return checked(message, update, WriteChecks.update(update, valueBytesMax), ClientMessage.Builder::setUpdate);
      }
      case PATCH -> {
        PatchRequest patch = message.getPatch();
        return checked(message, patch, WriteChecks.patch(patch, valueBytesMax), ClientMessage.Builder::setPatch);
      }
      case APPEND -> {
        AppendRequest append = message.getAppend();
        return checked(message, append, WriteChecks.append(append, valueBytesMax), ClientMessage.Builder::setAppend);
      }
      case TXN -> {
        TxnRequest txn = message.getTxn();
        return checked(message, txn, TxnChecks.check(txn, valueBytesMax), ClientMessage.Builder::setTxn);
      }
      case DELETE -> WriteChecks.delete(message.getDelete());
      case GET -> ReadChecks.get(message.getGet());
      case LIST -> ReadChecks.list(message.getList());
      case LIST_GROUPS -> ReadChecks.listGroups(message.getListGroups());
      case CLUSTER_STATUS, SETTINGS -> { }
      case MEMBER_ADD -> AdminChecks.memberAdd(message.getMemberAdd().getMember());
      case MEMBER_REMOVE -> AdminChecks.nodeId(message.getMemberRemove().getId());
      case TRANSFER_LEADER -> {
        if (!message.getTransferLeader().getId().isEmpty()) {
          AdminChecks.nodeId(message.getTransferLeader().getId());
        }
      }
      case SUBSCRIPTION_CREATE -> SubscriptionChecks.create(message.getSubscriptionCreate());
      case SUBSCRIPTION_DELETE -> SubscriptionChecks.name(message.getSubscriptionDelete().getName());
      case SUBSCRIPTION_GET -> SubscriptionChecks.get(message.getSubscriptionGet());
      case SUBSCRIPTION_LIST -> SubscriptionChecks.list(message.getSubscriptionList());
      case WATCH_CREATE, WATCH_CANCEL, WATCH_PROGRESS, SUBSCRIPTION_CONSUME, SUBSCRIPTION_ACK -> throw
          RejectedRequestException.invalid("watch and consume requests open streams: they are served on a client"
              + " protocol connection (or GET /v1/watch), not here");
      case HELLO -> throw RejectedRequestException.invalid("Hello is only valid as the first message of a connection");
      case BODY_NOT_SET -> throw RejectedRequestException.invalid("request has no body");
    }
    return message;
  }

  /** The message with its checked body: itself when checking changed nothing, so most writes are not copied. */
  private static <T> ClientMessage checked(
      ClientMessage message, T body, T checked, BiFunction<ClientMessage.Builder, T, ClientMessage.Builder> set) {
    return checked == body ? message : set.apply(message.toBuilder(), checked).build();
  }

  /** The log command of a validated write; without a client id or session it has no session. */
  public static ClientCommand command(UUID clientId, ClientMessage write) {
    ClientCommand.Builder command = ClientCommand.newBuilder();
    switch (write.getBodyCase()) {
      case SUBSCRIPTION_CREATE -> command.mergeFrom(SubscriptionRecords.createCommand(write.getSubscriptionCreate()));
      case SUBSCRIPTION_DELETE -> command.mergeFrom(SubscriptionRecords.deleteCommand(write.getSubscriptionDelete().getName()));
      default -> operation(command, write);
    }
    if (clientId != null && write.hasSession()) {
      command.setClientId(uuidBytes(clientId)).setSession(write.getSession());
    }
    return command.build();
  }

  private static void operation(ClientCommand.Builder command, ClientMessage write) {
    switch (write.getBodyCase()) {
      case SET -> command.setSet(write.getSet());
      case UPDATE -> command.setUpdate(write.getUpdate());
      case PATCH -> command.setPatch(write.getPatch());
      case APPEND -> command.setAppend(write.getAppend());
      case DELETE -> command.setDelete(write.getDelete());
      case TXN -> command.setTxn(write.getTxn());
      default -> throw new IllegalArgumentException("not a write: " + write.getBodyCase());
    }
  }

  /** A UUID as 16 big-endian bytes, the wire form of a client id. */
  public static com.google.protobuf.ByteString uuidBytes(UUID id) {
    ByteBuffer buffer = ByteBuffer.allocate(16);
    buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    return com.google.protobuf.ByteString.copyFrom(buffer.array());
  }
}
