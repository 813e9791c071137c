package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whose address a request is: X-Forwarded-For believed only from the configured proxies, rightmost hop first. */
@Tag("fast")
class ClientAddressTest {
  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    ClientAddress none = new ClientAddress(List.of());
    assertThat(none.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    assertThat(none.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("127.0.0.1");
  }

  @Test
  void fromATrustedProxyTheRightmostUntrustedHopIsTheClient() {
    ClientAddress proxies = new ClientAddress(List.of("127.0.0.1", "10.0.0.0/8", "::1"));
    // The client wrote "1.1.1.1" itself; the proxy appended the address it saw.
    assertThat(proxies.resolve("127.0.0.1", "1.1.1.1, 198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(proxies.resolve("10.2.3.4", "198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
    assertThat(proxies.resolve("::1", "2001:db8::5")).isEqualTo("2001:db8:0:0:0:0:0:5");
    // Not from a proxy: not believed.
    assertThat(proxies.resolve("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
    // A hop that is not an address (a host name, an injection): nothing to its left is believed.
    assertThat(proxies.resolve("127.0.0.1", "198.51.100.7, evil.example")).isEqualTo("127.0.0.1");
    assertThat(proxies.resolve("127.0.0.1", "10.1.1.1")).isEqualTo("127.0.0.1");
    // Two header lines (the client's, then the proxy's) are read as one list, the proxy's last.
    assertThat(proxies.resolve("127.0.0.1", String.join(",", "1.1.1.1", "198.51.100.7"))).isEqualTo("198.51.100.7");
  }

  @Test
  void everyForwardedForLineIsReadTheProxysLast() throws Exception {
    ClientAddress filter = new ClientAddress(List.of("127.0.0.1"));
    java.util.Map<String, Object> attributes = new java.util.HashMap<>();
    jakarta.servlet.http.HttpServletRequest request = (jakarta.servlet.http.HttpServletRequest)
        java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
              case "getRemoteAddr" -> "127.0.0.1";
              case "getHeaders" -> java.util.Collections.enumeration(List.of("1.1.1.1", "198.51.100.7"));
              case "setAttribute" -> attributes.put((String) a[0], a[1]);
              case "getAttribute" -> attributes.get((String) a[0]);
              default -> null;
            });
    filter.doFilter(request, null, (rq, rs) -> { });
    assertThat(ClientAddress.of(request)).isEqualTo("198.51.100.7");
  }

  @Test
  void anIpv6PeerInBracketsAsJettyGivesItIsReadAsItsAddress() {
    ClientAddress proxies = new ClientAddress(List.of("::1"));
    // A proxy on ::1 is believed; a client's own address is its address, so that its /64 is what is counted.
    assertThat(proxies.resolve("[::1]", "2001:db8:1:2::5")).isEqualTo("2001:db8:1:2:0:0:0:5");
    assertThat(proxies.resolve("[2001:db8:1:2:aaaa::1]", null)).isEqualTo("2001:db8:1:2:aaaa:0:0:1");
    assertThat(LoginThrottle.addressKey(proxies.resolve("[2001:db8:1:2:aaaa::1]", null)))
        .isEqualTo("2001:0db8:0001:0002::/64");
    assertThat(proxies.resolve("[203.0.113.9", null)).isEqualTo("[203.0.113.9");
  }

  @Test
  void anIpv6ClientIsThrottledByItsSlash64() {
    assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.addressKey(
        "2001:db8:1:2:ffff:ffff:ffff:fffe")).isEqualTo("2001:0db8:0001:0002::/64");
    assertThat(LoginThrottle.addressKey("198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void aBadProxyEntryIsRefusedAtStart() {
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal"))).hasMessageContaining("trustedProxies");
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
  }
}
