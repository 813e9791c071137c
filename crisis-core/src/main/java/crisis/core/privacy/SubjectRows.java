package crisis.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.Json;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * Rows as a person's copy shows them: values as JSON writes them (times, dates, arrays and JSON documents as
 * themselves), each sealed column opened under its name without {@code _sealed}, and what is derived from a value and
 * is no one's data (a blind index, a keyed hash) left out.
 */
public final class SubjectRows {
  private SubjectRows() {}

  /** A sealed column: the field it was sealed as, and the column holding the row id bound into it. */
  public record Sealed(FieldCipher.Field field, String rowColumn) {}

  /** The rows, opened with {@code cipher} where {@code sealed} names a column. */
  public static List<Map<String, Object>> of(FieldCipher cipher, List<Map<String, Object>> rows,
      Map<String, Sealed> sealed) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new LinkedHashMap<>();
      row.forEach((column, value) -> {
        if (column.endsWith("_index") || column.equals("content_hash") || column.equals("token_hash")) {
          return;
        }
        Sealed s = sealed.get(column);
        if (s != null) {
          String name = column.substring(0, column.length() - "_sealed".length());
          copy.put(name, value == null ? null
              : cipher.open(s.field(), (UUID) row.get(s.rowColumn()), (byte[]) value));
        } else if (value instanceof byte[]) {
          throw new IllegalStateException("column " + column + " holds bytes no owner said how to open");
        } else {
          copy.put(column, plain(value));
        }
      });
      out.add(copy);
    }
    return out;
  }

  /** The rows without sealed columns. */
  public static List<Map<String, Object>> of(List<Map<String, Object>> rows) {
    return of(null, rows, Map.of());
  }

  /** A value from the driver as JSON would write it. */
  static Object plain(Object value) {
    try {
      if (value instanceof java.sql.Timestamp t) {
        return t.toInstant().toString();
      }
      if (value instanceof java.sql.Date d) {
        return d.toLocalDate().toString();
      }
      if (value instanceof Array a) {
        return Arrays.stream((Object[]) a.getArray()).map(SubjectRows::plain).toList();
      }
      if (value instanceof PGobject o) {
        return o.getValue() == null ? null : ("json".equals(o.getType()) || "jsonb".equals(o.getType()))
            ? Json.read(o.getValue(), JsonNode.class) : o.getValue();
      }
      if (value instanceof UUID || value instanceof Number || value instanceof Boolean || value instanceof String
          || value == null) {
        return value instanceof UUID ? value.toString() : value;
      }
      return value.toString();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read an array of a person's row", e);
    }
  }
}
