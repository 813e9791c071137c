package crisis.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a person is still named in a database: every column of the catalogue that can name them (each uuid and
 * uuid[] column, and each column whose name says phone) holding their id or phone, as {@code table.column}.
 */
public final class PersonTraces {
  private PersonTraces() {}

  /** The columns naming the person, leaving out {@code except} (tables that keep ids by design). */
  public static List<String> of(Jdbi jdbi, UUID id, String phone, Set<String> except) {
    List<String[]> columns = jdbi.withHandle(h -> h.createQuery("""
        SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND (c.data_type = 'uuid' OR c.udt_name = '_uuid' OR c.column_name LIKE '%phone%')
        ORDER BY 1, 2""").map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
        .list());
    if (columns.size() < 50) {
      throw new IllegalStateException("the catalogue lists only " + columns.size() + " such columns");
    }
    List<String> found = new ArrayList<>();
    for (String[] c : columns) {
      if (except.contains(c[0])) {
        continue;
      }
      boolean uuid = c[2].equals("uuid") || c[2].equals("ARRAY");
      String where = c[2].equals("uuid") ? c[1] + " = ?" : c[2].equals("ARRAY") ? "? = ANY(" + c[1] + ")"
          : c[1] + "::text = ?";
      Object value = uuid ? id : phone;
      long n = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + c[0] + " WHERE " + where)
          .bind(0, value).mapTo(Long.class).one());
      if (n > 0) {
        found.add(c[0] + "." + c[1]);
      }
    }
    return found;
  }
}
