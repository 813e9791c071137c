package crisis.alerts.kafka;

import java.util.Map;

/** SASL settings of a Kafka client or listener, written in one place: JAAS lines and SCRAM client properties. */
public final class Sasl {
  public static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
  public static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

  private Sasl() {}

  /** A JAAS line for {@code module} with a user name and password, and {@code more} options written as they are. */
  public static String jaas(String module, String user, String password, String more) {
    return module + " required username=" + quoted(user) + " password=" + quoted(password) + more + ";";
  }

  /** A JAAS string value: quoted, with quotes and backslashes escaped. */
  public static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** What a client signing in with SCRAM needs: {@code security.protocol}, {@code sasl.mechanism}, the JAAS line. */
  public static Map<String, String> scramClient(String protocol, String mechanism, String user, String password) {
    return Map.of("security.protocol", protocol, "sasl.mechanism", mechanism,
        "sasl.jaas.config", jaas(SCRAM_MODULE, user, password, ""));
  }
}
