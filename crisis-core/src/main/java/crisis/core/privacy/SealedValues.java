package crisis.core.privacy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One owner's sealed values, as a key rotation sees them: each table that holds sealed values has one, which seals
 * them all again with the newest data key and says which key versions they still use ({@code keys rotate}, {@code
 * keys retire}, {@code keys status}).
 */
public interface SealedValues {
  /** What these values are, for the operator ("registrations", "evacuation travellers"). */
  String name();

  /** Seals again with the current key every value sealed with another; returns how many were rewritten. */
  long resealAll();

  /** The data key versions these values use now. */
  Set<Integer> versionsInUse();

  /** One sealed value of a column, with the id of its row (the associated data it was sealed with). */
  record Cell(UUID id, byte[] sealed) {}

  /** Reads the cells after {@code after} in the owner's id order, {@code limit} of them. */
  interface Pages {
    List<Cell> after(Handle h, UUID after, int limit);
  }

  /** Writes {@code sealed} over {@code was} in row {@code id}, unless the row changed meanwhile; 1 if written. */
  interface Writer {
    int write(Handle h, UUID id, byte[] sealed, byte[] was);
  }

  /**
   * The usual way for one sealed column: pages of cells in id order from the least UUID in PostgreSQL's order, each
   * page sealed again in a short transaction of its own, a row changed meanwhile left to its writer (who sealed it
   * with the key it knew) and to a later pass.
   */
  static long resealColumn(Jdbi jdbi, FieldCipher.Field field, Pages pages, Writer writer) {
    FieldCipher cipher = FieldCipher.of(jdbi);
    int current = cipher.currentVersion();
    long rewritten = 0;
    UUID after = new UUID(0, 0);
    while (true) {
      UUID from = after;
      List<Cell> cells = jdbi.withHandle(h -> pages.after(h, from, 1000));
      if (cells.isEmpty()) {
        return rewritten;
      }
      after = cells.get(cells.size() - 1).id();
      rewritten += jdbi.inTransaction(h -> {
        long n = 0;
        for (Cell c : cells) {
          if (c.sealed() != null && FieldCipher.version(c.sealed()) != current) {
            n += writer.write(h, c.id(), cipher.seal(field, c.id(), cipher.open(field, c.id(), c.sealed())),
                c.sealed());
          }
        }
        return n;
      });
    }
  }
}
