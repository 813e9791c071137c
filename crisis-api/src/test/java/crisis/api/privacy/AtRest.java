package crisis.api.privacy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

/**
 * What the disks of a running deployment hold, as someone who reads them without the keys sees it (issue 31): every
 * table's rows as {@code COPY} writes them (a data-only {@code pg_dump} is made of those), each {@code bytea} value
 * decoded too, and every record of every topic, the pipeline's internal ones included, aborted transactions too.
 */
public final class AtRest {
  private static final Pattern HEX = Pattern.compile("\\\\x((?:[0-9a-f]{2})+)");

  private AtRest() {}

  /** Every row of every table of the public schema, then every binary value decoded as Latin-1 text. */
  public static String database(Jdbi jdbi) throws Exception {
    try (org.jdbi.v3.core.Handle h = jdbi.open()) {
      List<String> tables = h.createQuery("""
          SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1""").mapTo(String.class).list();
      StringBuilder out = new StringBuilder();
      PGConnection pg = h.getConnection().unwrap(PGConnection.class);
      for (String t : tables) {
        StringWriter w = new StringWriter();
        pg.getCopyAPI().copyOut("COPY public.\"" + t + "\" TO STDOUT", w);
        out.append("-- ").append(t).append('\n').append(w);
      }
      String text = out.toString();
      Matcher hex = HEX.matcher(text);
      while (hex.find()) {
        out.append('\n').append(new String(HexFormat.of().parseHex(hex.group(1)), StandardCharsets.ISO_8859_1));
      }
      return out.toString();
    }
  }

  /**
   * Every record's key and value on every topic of the broker, as text, one per line, with its topic; {@code client}:
   * the credentials of a principal that may read everything (the embedded broker's administrator).
   */
  public static String topics(String bootstrapServers, Map<String, Object> client) throws Exception {
    Set<String> names;
    Map<String, Object> common = new java.util.HashMap<>(client);
    common.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(common)) {
      names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false)).names()
          .get();
    }
    StringBuilder out = new StringBuilder();
    Map<String, Object> consumer = new java.util.HashMap<>(common);
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Assigned partitions, no group: nothing is committed, no group ACL is needed.
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String n : names) {
        c.partitionsFor(n).forEach(p -> partitions.add(new TopicPartition(n, p.partition())));
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.append(r.topic()).append(' ').append(text(r.key())).append(' ').append(text(r.value())).append('\n');
        }
      }
      if (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        throw new IllegalStateException("the topics were not read to their end within 60 s");
      }
    }
    return out.toString();
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "(tombstone)" : new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
