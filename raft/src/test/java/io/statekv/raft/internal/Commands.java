package io.statekv.raft.internal;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.SessionInfo;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.UpdateOp;
import io.statekv.protocol.v1.UpdateRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Client commands for tests. */
final class Commands {
  private Commands() {}

  static ByteString json(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  static ClientCommand set(String scope, String key, String valueJson) {
    return ClientCommand.newBuilder()
        .setSet(SetRequest.newBuilder().setScope(scope).setKey(key).setValueJson(json(valueJson)))
        .build();
  }

  static ClientCommand setWithTtl(String scope, String key, String valueJson, long ttlSeconds) {
    return ClientCommand.newBuilder()
        .setSet(SetRequest.newBuilder().setScope(scope).setKey(key).setValueJson(json(valueJson)).setTtlSeconds(ttlSeconds))
        .build();
  }

  static ClientCommand delete(String scope, String key) {
    return ClientCommand.newBuilder().setDelete(DeleteRequest.newBuilder().setScope(scope).setKey(key)).build();
  }

  static ClientCommand increment(String scope, String key, String field, long by) {
    return ClientCommand.newBuilder()
        .setUpdate(UpdateRequest.newBuilder().setScope(scope).setKey(key)
            .addOps(UpdateOp.newBuilder().setType(UpdateOp.Type.INCREMENT).addPath(field).setBy(by)))
        .build();
  }

  static ClientCommand withSession(ClientCommand c, UUID client, long seq) {
    ByteString id = ByteString.copyFrom(ByteBuffer.allocate(16)
        .putLong(client.getMostSignificantBits()).putLong(client.getLeastSignificantBits()).flip());
    return c.toBuilder().setClientId(id).setSession(SessionInfo.newBuilder().setSeq(seq).setAckedBelow(seq)).build();
  }
}
