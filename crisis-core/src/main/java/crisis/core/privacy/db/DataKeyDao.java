package crisis.core.privacy.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The data keys, each wrapped by the key-encryption key: {@code data_key}. */
public interface DataKeyDao {
  /** One data key as stored: never the key in clear. */
  record Stored(int version, String kekId, byte[] wrapped, Instant createdAt) {}

  @SqlQuery("SELECT version, kek_id, wrapped, created_at FROM data_key ORDER BY version")
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Stored.class)
  List<Stored> all();

  @SqlUpdate("""
      INSERT INTO data_key (version, kek_id, wrapped, created_at) VALUES (:version, :kek, :wrapped, :at)
      ON CONFLICT (version) DO NOTHING""")
  int insert(@Bind("version") int version, @Bind("kek") String kekId, @Bind("wrapped") byte[] wrapped,
      @Bind("at") Instant at);

  @SqlUpdate("UPDATE data_key SET kek_id = :kek, wrapped = :wrapped WHERE version = :version")
  int rewrap(@Bind("version") int version, @Bind("kek") String kekId, @Bind("wrapped") byte[] wrapped);

  /** Serialises the changes of the key ring across instances, until the transaction ends. */
  @SqlQuery("SELECT pg_advisory_xact_lock(hashtextextended('data-keys', 0)) IS NULL")
  boolean lockRing();

  @SqlUpdate("DELETE FROM data_key WHERE version = :version")
  int delete(@Bind("version") int version);
}
