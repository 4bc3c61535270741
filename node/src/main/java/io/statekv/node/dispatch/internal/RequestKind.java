package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.ClientMessage;

/** How the node serves a request: through the log, through a read barrier, or as an admin call. */
public enum RequestKind {
  WRITE,
  READ,
  ADMIN,
  /** Not served by the dispatcher: the handshake, streams (watches, consume and ack), and an empty body. */
  OTHER;

  public static RequestKind of(ClientMessage.BodyCase body) {
    return switch (body) {
      case SET, UPDATE, PATCH, APPEND, DELETE, TXN, SUBSCRIPTION_CREATE, SUBSCRIPTION_DELETE -> WRITE;
      case GET, LIST, LIST_GROUPS, SUBSCRIPTION_GET, SUBSCRIPTION_LIST -> READ;
      case CLUSTER_STATUS, MEMBER_ADD, MEMBER_REMOVE, TRANSFER_LEADER, SETTINGS -> ADMIN;
      case HELLO, WATCH_CREATE, WATCH_CANCEL, WATCH_PROGRESS, SUBSCRIPTION_CONSUME, SUBSCRIPTION_ACK, BODY_NOT_SET -> OTHER;
    };
  }
}
