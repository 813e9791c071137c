package crisis.core.citizen.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.MapMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The codes sent to prove a phone ({@code phone_proof}, owner {@code crisis.core.citizen}). */
public interface PhoneProofDao {

  /**
   * A proof as the check reads it: what it was sent for ({@code CODE} or {@code LINK}), and for an opened link its
   * access.
   */
  record Proof(UUID id, crisis.core.citizen.PhoneProofs.Purpose purpose, byte[] phoneIndex, byte[] codeMac, Instant expiresAt, int attempts,
      Instant usedAt, byte[] accessMac, Instant accessExpiresAt) {}

  /**
   * Waits for the other requests about the same phone, or from the same address, to end (a transaction lock on the
   * index's first 8 bytes), so that the hourly limits hold when codes are asked for at once.
   */
  @SqlQuery("SELECT pg_advisory_xact_lock(:key)::text")
  String lock(@Bind("key") long key);

  @SqlUpdate("""
      INSERT INTO phone_proof (id, purpose, phone_index, address_index, code_mac, created_at, expires_at)
      VALUES (:id, :purpose, :phone, :address, :code, :now, :expires)""")
  void insert(@Bind("id") UUID id, @Bind("purpose") crisis.core.citizen.PhoneProofs.Purpose purpose, @Bind("phone") byte[] phoneIndex,
      @Bind("address") byte[] addressIndex, @Bind("code") byte[] codeMac, @Bind("now") Instant now,
      @Bind("expires") Instant expiresAt);

  /** Codes sent to a phone since {@code since}. */
  @SqlQuery("SELECT count(*) FROM phone_proof WHERE phone_index = :phone AND created_at > :since")
  int sentToPhone(@Bind("phone") byte[] phoneIndex, @Bind("since") Instant since);

  /** Codes asked from an address since {@code since}. */
  @SqlQuery("SELECT count(*) FROM phone_proof WHERE address_index = :address AND created_at > :since")
  int askedFrom(@Bind("address") byte[] addressIndex, @Bind("since") Instant since);

  /** The first code counted since {@code since} for the phone or from the address: when the limit frees a place. */
  @SqlQuery("""
      SELECT min(created_at) FROM phone_proof
      WHERE (phone_index = :phone OR address_index = :address) AND created_at > :since""")
  Instant firstSince(@Bind("phone") byte[] phoneIndex, @Bind("address") byte[] addressIndex,
      @Bind("since") Instant since);

  @RegisterConstructorMapper(Proof.class)
  @SqlQuery("""
      SELECT id, purpose, phone_index, code_mac, expires_at, attempts, used_at, access_mac, access_expires_at
      FROM phone_proof WHERE id = :id FOR UPDATE""")
  Optional<Proof> lock(@Bind("id") UUID id);

  @RegisterConstructorMapper(Proof.class)
  @SqlQuery("""
      SELECT id, purpose, phone_index, code_mac, expires_at, attempts, used_at, access_mac, access_expires_at
      FROM phone_proof WHERE id = :id""")
  Optional<Proof> find(@Bind("id") UUID id);

  /** Opens a link, once: spent now, with its access until {@code until}; 1, or 0 when it was opened meanwhile. */
  @SqlUpdate("""
      UPDATE phone_proof SET used_at = :now, access_mac = :access, access_expires_at = :until
      WHERE id = :id AND purpose = 'LINK' AND used_at IS NULL""")
  int open(@Bind("id") UUID id, @Bind("access") byte[] accessMac, @Bind("now") Instant now,
      @Bind("until") Instant until);

  /** Ends an access before its time (the citizen left, or withdrew). */
  @SqlUpdate("UPDATE phone_proof SET access_expires_at = used_at WHERE id = :id AND access_mac IS NOT NULL")
  int close(@Bind("id") UUID id);

  @SqlUpdate("UPDATE phone_proof SET attempts = attempts + 1 WHERE id = :id")
  void failedAttempt(@Bind("id") UUID id);

  /**
   * Spends the proof: 1 if it was sent to this phone and is unspent, alive at {@code now} and under its attempts,
   * 0 otherwise (spent meanwhile, expired, or tried wrong too often since it was checked).
   */
  @SqlUpdate("""
      UPDATE phone_proof SET used_at = :now
      WHERE id = :id AND purpose = 'CODE' AND phone_index = :phone AND used_at IS NULL AND expires_at > :now
        AND attempts < :attempts""")
  int spend(@Bind("id") UUID id, @Bind("phone") byte[] phoneIndex, @Bind("attempts") int attempts,
      @Bind("now") Instant now);

  /** A phone's proofs, for its owner's copy: when each code was sent, until when it held, whether it was used. */
  @SqlQuery("""
      SELECT created_at, expires_at, attempts, used_at FROM phone_proof WHERE phone_index = :phone
      ORDER BY created_at""")
  @RegisterRowMapper(MapMapper.class)
  List<Map<String, Object>> of(@Bind("phone") byte[] phoneIndex);

  /** Deletes the proofs whose hour of counting is over as of {@code before}. */
  @SqlUpdate("DELETE FROM phone_proof WHERE expires_at < :before")
  int expire(@Bind("before") Instant before);

  /** Deletes every proof of these phones (by index); the rows deleted for each. */
  @SqlBatch("DELETE FROM phone_proof WHERE phone_index = :phone")
  int[] forget(@Bind("phone") List<byte[]> phoneIndexes);
}
