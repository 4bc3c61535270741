package io.statekv.node.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Transport security and bearer tokens. This version parses and validates these settings but does
 * not enforce them; a node refuses to start when any of them is switched on, so that nobody runs
 * a cluster they believe is protected when it is not (see docs/operations.md).
 *
 * @param tls TLS for client, HTTP and Raft traffic
 * @param tokens the bearer tokens that may connect
 */
public record SecuritySettings(Tls tls, List<Token> tokens) {
  public SecuritySettings {
    tokens = List.copyOf(tokens);
  }

  /** True when any setting asks for protection. */
  public boolean anyEnabled() {
    return tls.enabled() || !tokens.isEmpty();
  }

  /**
   * TLS settings, PEM files.
   *
   * @param enabled whether every listener speaks TLS
   * @param certFile this node's certificate chain
   * @param keyFile this node's private key
   * @param caFile the CA that signs peers and, with {@code clientAuthRequired}, clients
   * @param clientAuthRequired mutual TLS: clients must present a certificate signed by the CA
   */
  public record Tls(boolean enabled, Path certFile, Path keyFile, Path caFile, boolean clientAuthRequired) {
    public static final Tls DISABLED = new Tls(false, null, null, null, false);
  }

  /**
   * A bearer token. Only its SHA-256 digest is kept in the config, never the token itself.
   *
   * @param name who holds the token, for logs and audit
   * @param sha256 the hex SHA-256 digest of the token
   * @param roles the roles the token grants (reserved: roles are not defined yet)
   */
  public record Token(String name, String sha256, List<String> roles) {
    public Token {
      roles = List.copyOf(roles);
    }
  }
}
