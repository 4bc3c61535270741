package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.TxnOpResult;
import io.statekv.storage.Entry;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultEncoderTest {
  private static final Entry ENTRY = new Entry("s", "k", Json.parse("{\"n\":2}"), 12, 3, 4, 1000, 2000, 9000);

  @Test
  void aWriteCarriesOldAndNewValuesTheEntryAndOpErrors() {
    Result.Written w = new Result.Written(Json.parse("{\"n\":1}"), Json.parse("{\"n\":2}"), ENTRY,
        List.of(new UpdateError(1, "increment.not_number", "field n is not a number")));
    CommandResult r = ResultEncoder.encode(w, false, 12);
    assertThat(r.getDuplicate()).isFalse();
    assertThat(r.getWrite().getOldValueJson().toStringUtf8()).isEqualTo("{\"n\":1}");
    assertThat(r.getWrite().getNewValueJson().toStringUtf8()).isEqualTo("{\"n\":2}");
    io.statekv.protocol.v1.Entry e = r.getWrite().getEntry();
    assertThat(List.of(e.getScope(), e.getKey(), e.getValueJson().toStringUtf8())).containsExactly("s", "k", "{\"n\":2}");
    assertThat(List.of(e.getRevision(), e.getCreateRevision(), e.getVersion(), e.getCreatedAt(), e.getUpdatedAt(), e.getExpiresAt()))
        .containsExactly(12L, 3L, 4L, 1000L, 2000L, 9000L);
    assertThat(r.getWrite().getErrors(0).getOpIndex()).isEqualTo(1);
    assertThat(r.getWrite().getErrors(0).getCode()).isEqualTo("increment.not_number");
  }

  @Test
  void aWriteOnAMissingKeyHasNoOldValue() {
    CommandResult r = ResultEncoder.encode(new Result.Written(null, Json.parse("1"), ENTRY, List.of()), false, 12);
    assertThat(r.getWrite().getOldValueJson().isEmpty()).isTrue();
  }

  @Test
  void aDeleteReportsItsRevisionOrZeroWhenNothingChanged() {
    assertThat(ResultEncoder.encode(new Result.Deleted(Json.parse("1"), 40), true, 55).getDelete().getRevision()).isEqualTo(40);
    CommandResult none = ResultEncoder.encode(new Result.Deleted(null, 0), false, 55);
    assertThat(none.getDelete().getRevision()).isZero();
    assertThat(none.getDelete().getOldValueJson().isEmpty()).isTrue();
  }

  @Test
  void everyStorageFailureMapsToItsRowOfTheErrorTable() {
    for (Failure f : Failure.values()) {
      CommandResult r = ResultEncoder.encode(new Result.Failed(f, "why", 0, -1), false, 1);
      assertThat(ErrorCodes.of(r.getError().getCode()).wireName()).isEqualTo(f.wireName());
    }
  }

  @Test
  void aConflictCarriesTheCurrentRevisionAndATxnFailureItsOp() {
    CommandResult r = ResultEncoder.encode(new Result.Failed(Failure.CONFLICT, "revision differs", 17, 2), false, 30);
    assertThat(r.getError().getCode()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(r.getError().getCurrentRevision()).isEqualTo(17);
    assertThat(r.getError().getOpIndex()).isEqualTo(2);
    assertThat(r.getError().getMessage()).isEqualTo("revision differs");
  }

  @Test
  void aTxnCarriesItsBranchResultsAndRevision() {
    Result.TxnDone t = new Result.TxnDone(true, List.of(
        new Result.Written(null, Json.parse("1"), ENTRY, List.of()),
        new Result.Deleted(Json.parse("2"), 12),
        new Result.Read(ENTRY),
        new Result.Read(null)));
    CommandResult r = ResultEncoder.encode(t, false, 12);
    assertThat(r.getTxn().getSucceeded()).isTrue();
    assertThat(r.getTxn().getRevision()).isEqualTo(12);
    assertThat(r.getTxn().getResultsList()).extracting(TxnOpResult::getResultCase).containsExactly(
        TxnOpResult.ResultCase.WRITE, TxnOpResult.ResultCase.DELETE, TxnOpResult.ResultCase.GET, TxnOpResult.ResultCase.GET);
    assertThat(r.getTxn().getResults(2).getGet().getEntry().getKey()).isEqualTo("k");
    assertThat(r.getTxn().getResults(3).getGet().hasEntry()).isFalse();
  }

  @Test
  void aRetriedTxnKeepsTheRevisionOfItsOriginalWrites() {
    Result.TxnDone t = new Result.TxnDone(true, List.of(new Result.Read(null), new Result.Deleted(Json.parse("2"), 8)));
    assertThat(ResultEncoder.encode(t, true, 99).getTxn().getRevision()).isEqualTo(8);
    assertThat(ResultEncoder.encode(new Result.TxnDone(false, List.of()), true, 99).getTxn().getRevision()).isZero();
  }

  @Test
  void resultsThatNoClientCommandProducesAreABug() {
    assertThatThrownBy(() -> ResultEncoder.encode(new Result.Expired(3), false, 1)).isInstanceOf(IllegalStateException.class);
  }
}
