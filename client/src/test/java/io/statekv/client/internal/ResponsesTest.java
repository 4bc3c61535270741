package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statekv.client.WriteResult;
import io.statekv.protocol.v1.Entry;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WriteResponse;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  private static NodeMessage written(String oldJson, String newJson, String entryJson) {
    Entry entry = Entry.newBuilder().setScope("s").setKey("k").setValueJson(ByteString.copyFromUtf8(entryJson))
        .setRevision(12).setCreateRevision(3).setVersion(4).build();
    return NodeMessage.newBuilder().setWrite(WriteResponse.newBuilder().setOldValueJson(ByteString.copyFromUtf8(oldJson))
        .setNewValueJson(ByteString.copyFromUtf8(newJson)).setEntry(entry)).build();
  }

  @Test
  void theEntryOfAWriteSharesTheNewValuesTreeWhenItsTextIsTheSame() {
    WriteResult r = Responses.write(written("{\"n\":1}", "{\"n\":2}", "{\"n\":2}"));

    assertThat(r.entry().value()).isSameAs(r.newValue());
    assertThat(r.newValue().path("n").intValue()).isEqualTo(2);
    assertThat(r.oldValue().path("n").intValue()).isEqualTo(1);
    assertThat(r.revision()).isEqualTo(12);
    assertThat(r.entry().version()).isEqualTo(4);
  }

  @Test
  void anEntryWhoseTextDiffersIsReadOnItsOwn() {
    WriteResult r = Responses.write(written("", "{\"n\":2}", "{\"n\":3}"));

    assertThat(r.created()).isTrue();
    assertThat(r.newValue().path("n").intValue()).isEqualTo(2);
    assertThat(r.entry().value().path("n").intValue()).isEqualTo(3);
  }
}
