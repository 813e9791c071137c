package crisis.alerts.pipeline;

import crisis.core.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON (the shared Jackson mapper) for one record type; null stays null. Thread-safe. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;

  private JsonSerde(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  /** Reads one value; a record that is not valid JSON of this type throws IllegalArgumentException. */
  public T read(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()),
          e);
    }
  }

  public byte[] write(T value) {
    if (value == null) {
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> read(bytes);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
