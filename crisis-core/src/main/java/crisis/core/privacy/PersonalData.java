package crisis.core.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What one owner of tables (docs/architecture.md, "Tables and their owners") holds on people, for the retention
 * purge ({@code retention.RetentionPurge}), the person's copy and erasure ({@code retention.SubjectRights}) and the
 * completeness test: the tables, why a person must still be kept, their copy, and the deletion of their rows. Every
 * method runs in the caller's transaction, so that a purge and its audit record commit together or not at all.
 */
public interface PersonalData {

  /**
   * Each table of this owner that can hold a person's data, with what names the person in it (a column, or how the
   * rows reach the person). A table missing here and holding a person is a failure of the completeness test.
   */
  Map<String, String> tables();

  /**
   * Among {@code ids} (registrations), those this owner must keep, each with why (a legal hold).
   *
   * @param openCrises the crises active now: a person they concern is held while they are
   */
  Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises);

  /**
   * Deletes every row of this owner that names one of {@code people}, none of whom is held; the rows deleted or
   * cleared, by table.
   */
  Map<String, Integer> forget(Handle h, Forgotten people);

  /**
   * Everything this owner holds on {@code person}, for their copy: one entry for each table of {@link #tables()} (an
   * empty list where it holds nothing on them), each row as a map of column to value, sealed values opened, blind
   * indexes and key material left out ({@link SubjectRows}).
   */
  Map<String, List<Map<String, Object>>> export(Handle h, Subject person);

  /**
   * Clears what this owner keeps for a fixed time whoever it is about (an SMS body after its days, a record of
   * assistance after its legal period), as of {@code now}; the rows cleared or deleted, by table.
   *
   * @param openCrises the crises active now: what concerns them stays
   */
  default Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    return Map.of();
  }

  /**
   * The people a purge forgets.
   *
   * @param ids their registrations
   * @param phones their phones that no registration kept still has: what was sent to or received from them can go
   *     too (a phone a kept household member shares stays, with what it sent and received)
   */
  record Forgotten(UUID[] ids, String[] phones) {
  }

  /**
   * A person whose data is asked for.
   *
   * @param id their registration
   * @param phone their phone, by which outreach finds what was sent to them and what they sent
   * @param country their country of residence, which says who may see them
   */
  record Subject(UUID id, String phone, String country) {
  }
}
