package io.statekv.client.internal;

import io.statekv.client.Admin;
import io.statekv.client.ClusterSettings;
import io.statekv.client.ClusterStatus;
import io.statekv.client.Member;
import io.statekv.client.SettingsChange;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.MemberAddRequest;
import io.statekv.protocol.v1.MemberRemoveRequest;
import io.statekv.protocol.v1.TransferLeaderRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The admin calls of a client; see {@link Admin}. Thread-safe. */
final class AdminClient implements Admin {
  private final ClientCore client;

  AdminClient(ClientCore client) {
    this.client = client;
  }

  private CompletableFuture<ClusterStatus> view(ClientMessage request, ClientCore.Admission admission) {
    return client.submit(request, false, false, Responses::clusterStatus, admission);
  }

  private static ClientMessage addMemberRequest(Member member) {
    return ClientMessage.newBuilder().setMemberAdd(MemberAddRequest.newBuilder().setMember(Requests.member(member))).build();
  }

  private static ClientMessage removeMemberRequest(String id) {
    return ClientMessage.newBuilder().setMemberRemove(MemberRemoveRequest.newBuilder().setId(Objects.requireNonNull(id))).build();
  }

  private static ClientMessage transferLeaderRequest(String id) {
    return ClientMessage.newBuilder().setTransferLeader(TransferLeaderRequest.newBuilder().setId(Objects.requireNonNull(id))).build();
  }

  private static ClientMessage settingsRequest(SettingsChange change) {
    return ClientMessage.newBuilder().setSettings(Requests.settings(change)).build();
  }

  @Override
  public CompletableFuture<ClusterStatus> addMemberAsync(Member member) {
    return view(addMemberRequest(member), ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public ClusterStatus addMember(Member member) {
    return Futures.await(view(addMemberRequest(member), ClientCore.Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<ClusterStatus> removeMemberAsync(String id) {
    return view(removeMemberRequest(id), ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public ClusterStatus removeMember(String id) {
    return Futures.await(view(removeMemberRequest(id), ClientCore.Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<ClusterStatus> transferLeaderAsync(String id) {
    return view(transferLeaderRequest(id), ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public ClusterStatus transferLeader(String id) {
    return Futures.await(view(transferLeaderRequest(id), ClientCore.Admission.WAIT), true);
  }

  @Override
  public CompletableFuture<ClusterSettings> settingsAsync() {
    return client.submit(settingsRequest(SettingsChange.NONE), false, false, Responses::settings, ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public ClusterSettings settings() {
    return Futures.await(
        client.submit(settingsRequest(SettingsChange.NONE), false, false, Responses::settings, ClientCore.Admission.WAIT), false);
  }

  @Override
  public CompletableFuture<ClusterSettings> changeSettingsAsync(SettingsChange change) {
    return client.submit(settingsRequest(change), false, false, Responses::settings, ClientCore.Admission.FAIL_FAST);
  }

  @Override
  public ClusterSettings changeSettings(SettingsChange change) {
    return Futures.await(
        client.submit(settingsRequest(change), false, false, Responses::settings, ClientCore.Admission.WAIT), true);
  }
}
