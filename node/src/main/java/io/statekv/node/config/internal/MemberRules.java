package io.statekv.node.config.internal;

import io.statekv.node.config.Endpoints;
import io.statekv.node.config.HostPort;
import io.statekv.node.config.MemberConfig;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.config.internal.RawConfig.RawMember;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of {@code initial_members}: unique ids and addresses, and this node among them. */
final class MemberRules {
  private MemberRules() {}

  static List<MemberConfig> members(Problems p, List<RawMember> raw) {
    if (raw == null || raw.isEmpty()) {
      p.add("initial_members", "is required: list every member of a new cluster, this node included");
      return null;
    }
    if (raw.size() > NodeConfig.INITIAL_MEMBERS_MAX) {
      p.add("initial_members", raw.size() + " members; at most " + NodeConfig.INITIAL_MEMBERS_MAX);
      return null;
    }
    List<MemberConfig> members = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<HostPort> addresses = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      MemberConfig m = member(p, "initial_members[" + i + "]", raw.get(i));
      if (m == null) {
        continue;
      }
      if (!ids.add(m.id())) {
        p.add("initial_members[" + i + "].id", "'" + m.id() + "' appears twice");
      }
      for (HostPort a : List.of(m.addresses().raft(), m.addresses().client(), m.addresses().http())) {
        if (!addresses.add(a)) {
          p.add("initial_members[" + i + "]", "address " + a + " is used twice");
        }
      }
      members.add(m);
    }
    return members.size() == raw.size() ? members : null;
  }

  private static MemberConfig member(Problems p, String field, RawMember raw) {
    if (raw == null) {
      p.add(field, "is empty; give id, raft, client and http");
      return null;
    }
    String id = ConfigValidator.nodeId(p, field + ".id", raw.id());
    HostPort raft = p.address(field + ".raft", raw.raft());
    HostPort client = p.address(field + ".client", raw.client());
    HostPort http = p.address(field + ".http", raw.http());
    for (HostPort a : new HostPort[] {raft, client, http}) {
      if (a != null && a.isWildcard()) {
        p.add(field, a + " binds every interface; give an address peers can dial");
        return null;
      }
    }
    if (id == null || raft == null || client == null || http == null) {
      return null;
    }
    return new MemberConfig(id, new Endpoints(raft, client, http));
  }

  /** This node must be an initial member, at the addresses it advertises. */
  static void checkSelf(Problems p, String nodeId, Endpoints advertise, List<MemberConfig> members) {
    MemberConfig self = members.stream().filter(m -> m.id().equals(nodeId)).findFirst().orElse(null);
    if (self == null) {
      p.add("initial_members", "does not list this node '" + nodeId + "'");
      return;
    }
    if (!self.addresses().equals(advertise)) {
      p.add("initial_members", "lists '" + nodeId + "' at " + self.addresses()
          + " but the node advertises " + advertise);
    }
  }
}
