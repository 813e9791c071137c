package crisis.api;

import java.util.Map;

/** What the server prints once it listens: where it is and, for the demo, how to log in. */
final class Banner {
  private Banner() {}

  static void print(int port, Map<String, String> credentials) {
    StringBuilder b = new StringBuilder("\n");
    String base = "http://127.0.0.1:" + port;
    b.append("  Crisis coordination API is up: ").append(base).append("/api/v1\n");
    b.append("  OpenAPI description:           ").append(base).append("/api/v1/openapi.json\n");
    b.append("  Web console (sign-in so far):  ").append(base).append("/console/\n");
    b.append("  Citizen's own page:            ").append(base).append("/citizen/\n");
    if (!credentials.isEmpty()) {
      b.append("\n  Demo users (HTTP Basic or the console; kept in data/demo-credentials.txt):\n");
      credentials.forEach((u, p) -> b.append(String.format("    %-16s %s%n", u, p)));
      String officer = credentials.containsKey("officer.paris") ? "officer.paris" : credentials.keySet().iterator().next();
      b.append("\n  Try:\n    curl -u ").append(officer).append(':').append(credentials.get(officer))
          .append(" '").append(base).append("/api/v1/registrations?limit=2'\n");
    }
    System.out.println(b);
  }
}
