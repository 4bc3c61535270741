package io.statekv.chaos.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's view of its Raft group, as {@code GET /v1/cluster} reports it. Immutable.
 *
 * @param nodeId the node that answered
 * @param leaderId the leader it knows, or null
 * @param term its current term
 * @param commitIndex the highest index it knows committed
 * @param appliedIndex the highest index it applied
 * @param memberIds the ids of the members of its current configuration
 * @param stateHash a digest of the whole applied state ({@code state_hash}, asked for with {@code
 *     ?state_hash=true}); null when the node sent none
 * @param stateHashAppliedIndex the applied index {@code stateHash} was taken at ({@code
 *     state_hash_applied_index}); 0 when there is no hash
 */
public record ClusterStatus(String nodeId, String leaderId, long term, long commitIndex,
    long appliedIndex, List<String> memberIds, String stateHash, long stateHashAppliedIndex) {

  public ClusterStatus {
    memberIds = List.copyOf(memberIds);
  }

  /**
   * Parses the body of {@code GET /v1/cluster[?state_hash=true]}.
   *
   * @throws IllegalArgumentException if a required field is missing
   */
  public static ClusterStatus parse(JsonNode body) {
    if (body == null || !body.hasNonNull("node_id") || !body.has("applied_index")) {
      throw new IllegalArgumentException("not a /v1/cluster answer: " + body);
    }
    List<String> members = new ArrayList<>();
    for (JsonNode member : body.path("members")) {
      members.add(member.path("id").asText());
    }
    return new ClusterStatus(body.get("node_id").asText(), text(body, "leader_id"),
        body.path("term").asLong(), body.path("commit_index").asLong(),
        body.path("applied_index").asLong(), members, text(body, "state_hash"),
        body.path("state_hash_applied_index").asLong());
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
