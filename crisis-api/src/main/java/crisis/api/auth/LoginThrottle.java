package crisis.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Failed sign-ins slow down the address and the account they come from, with a back-off that doubles, without letting
 * an attacker lock a consular officer out during a crisis.
 *
 * <ul>
 *   <li>An address that has failed {@code addressFailures} times (against any accounts) must wait before its next
 *       attempt: {@code firstDelay}, doubled at each further failure, at most {@code maxDelay}.
 *   <li>An account that has failed {@code accountFailures} times (from any addresses) is held the same way, but only
 *       for addresses that have failed before: an address where the account signed in successfully, or one that has
 *       not failed, still gets its attempt. A distributed attacker so gets one guess per address while the account is
 *       held; the officer signs in from their usual address.
 *   <li>Failures are forgotten {@code forgetAfter} after the last one; a success clears its address's failures and
 *       makes the address known for that account. Waiting attempts are refused before the password is checked, so
 *       they cost no bcrypt time.
 * </ul>
 *
 * <p>The state is in this process's memory (bounded): each instance of a deployment throttles on its own.
 */
public final class LoginThrottle {
  /** The policy; the defaults are those of the README. */
  public record Policy(int addressFailures, int accountFailures, Duration firstDelay, Duration maxDelay,
      Duration forgetAfter) {
    public static final Policy DEFAULT = new Policy(5, 10, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofMinutes(15));

    Duration delayAfter(int failures, int threshold) {
      int over = failures - threshold;
      if (over < 0) {
        return Duration.ZERO;
      }
      long millis = firstDelay.toMillis() << Math.min(over, 30);
      return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
  }

  private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 16;

  /**
   * The key an address is throttled under: an IPv4 address as it is, an IPv6 address by its /64 block (one machine
   * holds a whole /64: counting each address would give an attacker 2^64 tries).
   */
  public static String addressKey(String address) {
    java.net.InetAddress a = ClientAddress.literal(address);
    if (a instanceof java.net.Inet6Address) {
      byte[] b = a.getAddress();
      return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2], b[3], b[4], b[5], b[6],
          b[7]);
    }
    return address;
  }
  private static final long MAX_TRACKED = 100_000;

  private static final class Failures {
    int count;
    Instant last;
  }

  private final Policy policy;
  private final Clock clock;
  private final Cache<String, Failures> byAddress;
  private final Cache<String, Failures> byAccount;
  private final Cache<String, Set<String>> knownAddresses;

  public LoginThrottle(Policy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    byAddress = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(policy.forgetAfter().plus(policy.maxDelay()))
        .maximumSize(MAX_TRACKED).build();
    byAccount = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(policy.forgetAfter().plus(policy.maxDelay()))
        .maximumSize(MAX_TRACKED).build();
    knownAddresses = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofDays(30))
        .maximumSize(MAX_TRACKED).build();
  }

  /** How long {@code address} must still wait before trying {@code account} (null when no account was named). */
  public synchronized Optional<Duration> waitBeforeAttempt(String account, String address) {
    Instant now = clock.instant();
    Failures addressFailures = byAddress.getIfPresent(address);
    Duration wait = remaining(addressFailures, policy.addressFailures(), now);
    if (account != null) {
      boolean addressHasFailed = addressFailures != null && addressFailures.count > 0;
      Set<String> known = knownAddresses.getIfPresent(key(account));
      boolean knownAddress = known != null && known.contains(address);
      if (addressHasFailed && !knownAddress) {
        Duration accountWait = remaining(byAccount.getIfPresent(key(account)), policy.accountFailures(), now);
        wait = accountWait.compareTo(wait) > 0 ? accountWait : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /**
   * Records a refused password.
   *
   * @return true when this failure starts a hold on the address or the account (worth a log line)
   */
  public synchronized boolean failed(String account, String address) {
    Instant now = clock.instant();
    boolean held = count(byAddress, address, now) == policy.addressFailures();
    if (account != null) {
      held |= count(byAccount, key(account), now) == policy.accountFailures();
    }
    return held;
  }

  /** Records a sign-in: the address's failures are forgiven and the address is known for the account. */
  public synchronized void succeeded(String account, String address) {
    byAddress.invalidate(address);
    knownAddresses.asMap().compute(key(account), (k, set) -> {
      Set<String> s = set != null ? set : Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > KNOWN_ADDRESSES_PER_ACCOUNT;
        }
      });
      s.remove(address);
      s.add(address);
      return s;
    });
  }

  private int count(Cache<String, Failures> cache, String key, Instant now) {
    Failures f = cache.asMap().compute(key, (k, old) -> {
      Failures n = old;
      if (n == null || n.last.plus(policy.forgetAfter()).isBefore(now)) {
        n = new Failures();
      }
      n.count++;
      n.last = now;
      return n;
    });
    return f.count;
  }

  private Duration remaining(Failures f, int threshold, Instant now) {
    if (f == null || f.count < threshold) {
      return Duration.ZERO;
    }
    Instant until = f.last.plus(policy.delayAfter(f.count, threshold));
    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
  }

  /** User names are compared as the user table does: case-insensitively. */
  private static String key(String account) {
    return account.toLowerCase(java.util.Locale.ROOT);
  }
}
