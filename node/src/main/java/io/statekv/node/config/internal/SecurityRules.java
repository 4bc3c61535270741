package io.statekv.node.config.internal;

import io.statekv.node.config.SecuritySettings;
import io.statekv.node.config.SecuritySettings.Tls;
import io.statekv.node.config.SecuritySettings.Token;
import io.statekv.node.config.internal.RawConfig.RawSecurity;
import io.statekv.node.config.internal.RawConfig.RawTls;
import io.statekv.node.config.internal.RawConfig.RawToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the {@code security} section. */
final class SecurityRules {
  private SecurityRules() {}

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  static SecuritySettings security(Problems p, RawSecurity raw) {
    if (raw == null) {
      return new SecuritySettings(Tls.DISABLED, List.of());
    }
    return new SecuritySettings(tls(p, raw.tls()), tokens(p, raw.tokens()));
  }

  private static Tls tls(Problems p, RawTls raw) {
    if (raw == null) {
      return Tls.DISABLED;
    }
    boolean enabled = Boolean.TRUE.equals(raw.enabled());
    Path cert = path(raw.certFile());
    Path key = path(raw.keyFile());
    Path ca = path(raw.caFile());
    boolean clientAuth = Boolean.TRUE.equals(raw.clientAuthRequired());
    if (enabled && (cert == null || key == null)) {
      p.add("security.tls", "enabled needs cert_file and key_file");
    }
    if (clientAuth && ca == null) {
      p.add("security.tls.client_auth_required", "needs ca_file");
    }
    return new Tls(enabled, cert, key, ca, clientAuth);
  }

  private static List<Token> tokens(Problems p, List<RawToken> raw) {
    if (raw == null) {
      return List.of();
    }
    List<Token> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String field = "security.tokens[" + i + "]";
      RawToken t = raw.get(i);
      if (t == null) {
        p.add(field, "is empty; give name and sha256");
        continue;
      }
      String name = p.required(field + ".name", t.name());
      if (name != null && !names.add(name)) {
        p.add(field + ".name", "'" + name + "' appears twice");
      }
      String digest = t.sha256();
      if (digest == null || !SHA256_HEX.matcher(digest).matches()) {
        p.add(field + ".sha256", "must be the 64 lower-case hex digits of the token's SHA-256, never the token");
      }
      List<String> roles = t.roles() == null ? List.of() : t.roles();
      if (roles.stream().anyMatch(r -> r == null || r.isBlank())) {
        p.add(field + ".roles", "holds an empty role");
        continue;
      }
      tokens.add(new Token(name, digest, roles));
    }
    return tokens;
  }

  private static Path path(String text) {
    return text == null || text.isBlank() ? null : Path.of(text);
  }
}
