package crisis.core.access;

import java.util.Set;

/**
 * Who is acting, for authorisation and the audit trail.
 *
 * @param jurisdiction the ISO country codes whose residents this actor may see; null means every country
 * @param remoteAddress where the request came from ("cli" for commands)
 * @param region a case worker's region of the kingdom (MA.01 to MA.12), whose reintegration cases it sees; null
 *     for every other role (and for a case worker not given one yet, who sees no case)
 */
public record Actor(String username, Role role, String consulateId, Set<String> jurisdiction, String remoteAddress,
    String region) {

  /** Anyone but a case worker: no region. */
  public Actor(String username, Role role, String consulateId, Set<String> jurisdiction, String remoteAddress) {
    this(username, role, consulateId, jurisdiction, remoteAddress, null);
  }

  /**
   * An operator at the command line of a server (imports, demo loading): acts with the crisis cell's reach, recorded
   * in the audit trail as "cli:NAME".
   */
  public static Actor cli(String name) {
    return new Actor("cli:" + name, Role.CRISIS_CELL, null, null, "cli");
  }

  /**
   * The system itself acting on a schedule (the gate clock): the crisis cell's reach, recorded in the audit trail as
   * "system:NAME".
   */
  public static Actor system(String name) {
    return new Actor("system:" + name, Role.CRISIS_CELL, null, null, "system");
  }

  /**
   * Refuses the action unless the actor has one of {@code roles}. The API checks roles first ({@code @RolesAllowed});
   * the core checks again because commands and other callers reach it without the API.
   *
   * @param what what only those roles may do, for the message ("read crises")
   */
  public void require(String what, Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return;
      }
    }
    throw new ForbiddenException("only " + Role.describe(roles) + " " + what);
  }

  /**
   * The consulate whose records alone this actor sees: a consular officer's own; null for the others, who see every
   * consulate's (or, as the administrator and case workers, none: their roles keep them out first). The one rule, for
   * lists filtered in SQL.
   */
  public String consulateScope() {
    return role == Role.CONSULAR_OFFICER ? consulateId : null;
  }

  /** Whether a record of this consulate is this actor's to see ({@link #consulateScope}, for one record). */
  public boolean seesConsulate(String consulate) {
    return role != Role.CONSULAR_OFFICER || consulateId != null && consulateId.equals(consulate);
  }

  /** Whether this actor sees every consulate's records: anyone but a consular officer ({@link #consulateScope}). */
  public boolean seesEveryConsulate() {
    return role != Role.CONSULAR_OFFICER;
  }

  /** Whether a record of this region is this actor's to see: a case worker's own region only; the others' any. */
  public boolean seesRegion(String r) {
    return role != Role.CASEWORKER || r != null && r.equals(region);
  }

  /**
   * The regions whose records a list shows this actor (reintegration cases, partners, reports): a case worker's own
   * region only, or none while it has no region; every region for the others (the crisis cell; the other roles are
   * kept out first by theirs). The one rule, for lists filtered in SQL ({@link #seesRegion} for one record).
   */
  public RegionScope regionScope() {
    if (role != Role.CASEWORKER) {
      return RegionScope.EVERY;
    }
    return region == null ? RegionScope.NONE : new RegionScope(false, region);
  }

  /**
   * Which regions' records a list shows.
   *
   * @param none no region's: the list is empty
   * @param region the one region to filter by; null (and not {@code none}) for every region
   */
  public record RegionScope(boolean none, String region) {
    static final RegionScope EVERY = new RegionScope(false, null);
    static final RegionScope NONE = new RegionScope(true, null);

    /** Every region's records: no filter. */
    public boolean every() {
      return !none && region == null;
    }

    /**
     * What a list asking for {@code requested} (null: every region it may see) shows: the region asked for, within
     * this scope; none when it asks for another region than the one this scope holds.
     */
    public RegionScope narrowedTo(String requested) {
      if (none || requested == null) {
        return this;
      }
      if (region == null) {
        return new RegionScope(false, requested);
      }
      return region.equals(requested) ? this : NONE;
    }
  }

  public boolean seesEveryCountry() {
    return jurisdiction == null;
  }

  public boolean sees(String countryIso2) {
    return jurisdiction == null || jurisdiction.contains(countryIso2);
  }

  /** Country codes for SQL {@code = ANY(...)}; empty when the actor sees every country. */
  public String[] jurisdictionArray() {
    return jurisdiction == null ? new String[0] : jurisdiction.toArray(String[]::new);
  }
}
