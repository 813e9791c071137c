package crisis.api.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, for the sign-in throttle and the audit trail: the connection's peer, unless the peer is
 * one of the configured reverse proxies ({@code trustedProxies}, addresses or CIDR blocks), in which case the
 * rightmost address of {@code X-Forwarded-For} that is not itself a trusted proxy (the leftmost entries are whatever
 * the client wrote, so they are never believed). Computed once per request by this filter; read with {@link #of}.
 * Thread-safe (immutable).
 */
public final class ClientAddress implements Filter {
  static final String ATTRIBUTE = ClientAddress.class.getName();

  private final List<Block> trusted;

  /** @param trustedProxies addresses or CIDR blocks ("10.0.0.0/8", "::1"); empty: trust no forwarded header */
  public ClientAddress(List<String> trustedProxies) {
    List<Block> blocks = new ArrayList<>();
    for (String p : trustedProxies) {
      blocks.add(Block.parse(p));
    }
    this.trusted = List.copyOf(blocks);
  }

  /** The client's address as the filter found it, or the peer's when the filter did not run. */
  public static String of(HttpServletRequest request) {
    Object a = request.getAttribute(ATTRIBUTE);
    return a instanceof String s ? s : request.getRemoteAddr();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest r = (HttpServletRequest) request;
    // Every X-Forwarded-For line, in order: a proxy may add its own line after the client's instead of appending.
    java.util.Enumeration<String> lines = r.getHeaders("X-Forwarded-For");
    String forwarded = lines == null || !lines.hasMoreElements() ? null
        : String.join(",", java.util.Collections.list(lines));
    r.setAttribute(ATTRIBUTE, resolve(r.getRemoteAddr(), forwarded));
    chain.doFilter(request, response);
  }

  String resolve(String peerAsGiven, String forwardedFor) {
    // Jetty gives an IPv6 peer in brackets ("[2001:db8::1]"): the address itself is what is compared and kept.
    InetAddress peerAddress = literal(peerAsGiven);
    String peer = peerAddress == null ? peerAsGiven : peerAddress.getHostAddress();
    if (forwardedFor == null || !isTrusted(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      InetAddress a = literal(hop);
      if (a == null) {
        return peer;  // a hop that is not an address: believe nothing to its left
      }
      if (!isTrusted(hop)) {
        return a.getHostAddress();
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    InetAddress a = literal(address);
    return a != null && trusted.stream().anyMatch(b -> b.contains(a));
  }

  /** An IP address literal, never a host name looked up. */
  static InetAddress literal(String given) {
    String s = given != null && given.length() > 2 && given.startsWith("[") && given.endsWith("]")
        ? given.substring(1, given.length() - 1) : given;
    if (s == null || s.isEmpty() || s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address block: a network address and a prefix length. */
  record Block(byte[] network, int prefix) {
    static Block parse(String s) {
      String[] parts = s.strip().split("/");
      InetAddress a = literal(parts[0]);
      if (a == null || parts.length > 2) {
        throw new IllegalArgumentException("trustedProxies: '" + s + "' is not an address or CIDR block");
      }
      int bits = a.getAddress().length * 8;
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("trustedProxies: the prefix of '" + s + "' must be 0 to " + bits);
      }
      return new Block(a.getAddress(), prefix);
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int i = 0; i < prefix; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
