package crisis.core.registry.db;

import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationChange;
import crisis.core.registry.RegistrationFilter;
import crisis.core.registry.RegistrationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import crisis.core.privacy.FieldCipher;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Reads and writes registrations and their change history. Jurisdiction rules live in the service. */
@RegisterRowMapper(RegistrationRow.Mapper.class)
@RegisterRowMapper(RegistrationChangeMapper.class)
public interface RegistrationDao extends org.jdbi.v3.sqlobject.SqlObject {
  /** The list filters, each optional (null), within the actor's countries unless it sees them all. */
  /**
   * The blind indexes of a search term taken as a whole national ID or passport number ({@code q} upper-cased), so
   * that a number is found without being stored or compared in clear.
   */
  record Sought(byte[] qNationalId, byte[] qPassport) {
    public static Sought of(FieldCipher cipher, String q) {
      String upper = q == null ? null : q.toUpperCase(java.util.Locale.ROOT);
      return new Sought(cipher.index(FieldCipher.Field.NATIONAL_ID, upper),
          cipher.index(FieldCipher.Field.PASSPORT_NUMBER, upper));
    }
  }

  String LIST_FILTER = """
      WHERE (:allCountries OR country_of_residence = ANY(:countries))
        AND (CAST(:country AS text) IS NULL OR country_of_residence = :country)
        AND (CAST(:consulate AS text) IS NULL OR consulate_id = :consulate)
        AND (CAST(:residenceType AS text) IS NULL OR residence_type = :residenceType)
        AND (CAST(:vulnerability AS text) IS NULL
             OR (vulnerabilities <> '{}' AND vulnerabilities @> ARRAY[CAST(:vulnerability AS text)]))
        AND status = :status
        AND (CAST(:q AS text) IS NULL
             OR lower(given_name_latin || ' ' || family_name_latin) LIKE :qLike ESCAPE '!'
             OR lower(coalesce(given_name_arabic, '') || ' ' || coalesce(family_name_arabic, ''))
                LIKE :qLike ESCAPE '!'
             OR phone = :q OR passport_index = :qPassport OR national_id_index = :qNationalId)
      """;

  @SqlUpdate("""
      INSERT INTO registration (id, external_id, consulate_id, status, merged_into, given_name_latin,
        family_name_latin, given_name_arabic, family_name_arabic, date_of_birth, sex, national_id_sealed, national_id_index,
        passport_sealed, passport_index, phone, email, preferred_language, address, latitude, longitude, location_source, country_of_residence,
        residence_type, stay_purpose, arrival_date, departure_date, vulnerabilities, household, emergency_contact,
        consent, content_hash, h3_cell, version, created_at, created_by, created_via, updated_at, updated_by,
        confirmation)
      VALUES (:r.id, :r.externalId, :r.consulateId, :r.status, :r.mergedInto, :r.givenNameLatin,
        :r.familyNameLatin, :r.givenNameArabic, :r.familyNameArabic, :r.dateOfBirth, :r.sex, :r.nationalIdSealed,
        :r.nationalIdIndex, :r.passportSealed, :r.passportIndex, :r.phone, :r.email, :r.preferredLanguage, :r.address, :r.latitude, :r.longitude,
        :r.locationSource, :r.countryOfResidence, :r.residenceType, :r.stayPurpose, :r.arrivalDate,
        :r.departureDate, :r.vulnerabilities, CAST(:r.household AS jsonb), CAST(:r.emergencyContact AS jsonb),
        CAST(:r.consent AS jsonb), :r.contentHash, :r.h3Cell, :r.version, :r.createdAt, :r.createdBy, :r.createdVia,
        :r.updatedAt, :r.updatedBy, :r.confirmation)
      """)
  void insert(@BindMethods("r") RegistrationRow row);

  /**
   * Confirms a pending registration: 1, or 0 when it is not pending (confirmed already, or not active). The version
   * does not move: the content is the same.
   */
  @SqlUpdate("""
      UPDATE registration SET confirmation = 'CONFIRMED', updated_at = :now, updated_by = :by
      WHERE id = :id AND confirmation = 'PENDING' AND status = 'ACTIVE'""")
  int confirm(@Bind("id") UUID id, @Bind("now") java.time.Instant now, @Bind("by") String by);

  /** Puts an active registration back in its consulate's queue (its citizen changed it); 1, or 0 when not active. */
  @SqlUpdate("UPDATE registration SET confirmation = 'PENDING' WHERE id = :id AND status = 'ACTIVE'")
  int unconfirm(@Bind("id") UUID id);

  /** A trip about to end, as its reminder needs it. */
  record StayEnding(UUID id, String phone, String preferredLanguage, String countryOfResidence,
      java.time.LocalDate departureDate) {}

  /**
   * The active trips whose planned end falls from {@code from} to {@code to}, both included, by end then id, after
   * the trip {@code (afterDate, afterId)}: one page of at most {@code limit}.
   */
  @SqlQuery("""
      SELECT id, phone, preferred_language, country_of_residence, departure_date FROM registration
      WHERE status = 'ACTIVE' AND residence_type = 'TEMPORARY' AND departure_date BETWEEN :from AND :to
        AND (departure_date, id) > (:afterDate, :afterId)
      ORDER BY departure_date, id LIMIT :limit""")
  @RegisterConstructorMapper(StayEnding.class)
  List<StayEnding> staysEnding(@Bind("from") java.time.LocalDate from, @Bind("to") java.time.LocalDate to,
      @Bind("afterDate") java.time.LocalDate afterDate, @Bind("afterId") UUID afterId, @Bind("limit") int limit);

  /** The active registrations reached on a phone, confirmed or pending, oldest first: what its holder may see. */
  @SqlQuery("SELECT * FROM registration WHERE phone = :phone AND status = 'ACTIVE' ORDER BY created_at, id")
  List<Registration> heldBy(@Bind("phone") String phone);

  /** The active registration pending confirmation that has this phone, if any. */
  @SqlQuery("""
      SELECT id FROM registration WHERE phone = :phone AND confirmation = 'PENDING' AND status = 'ACTIVE'
      ORDER BY created_at LIMIT 1""")
  Optional<UUID> pendingAt(@Bind("phone") String phone);

  /**
   * The active registrations pending confirmation, oldest first, of one consulate (null: every consulate).
   */
  @SqlQuery("""
      SELECT id FROM registration
      WHERE confirmation = 'PENDING' AND status = 'ACTIVE' AND (CAST(:consulate AS text) IS NULL OR consulate_id = :consulate)
      ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
  List<UUID> pendingIds(@Bind("consulate") String consulate, @Bind("offset") int offset, @Bind("limit") int limit);

  @SqlQuery("""
      SELECT count(*) FROM registration
      WHERE confirmation = 'PENDING' AND status = 'ACTIVE' AND (CAST(:consulate AS text) IS NULL OR consulate_id = :consulate)""")
  long pendingCount(@Bind("consulate") String consulate);

  /** Every active registration pending confirmation (few: the declarations waiting for their consulate). */
  @SqlQuery("SELECT id FROM registration WHERE confirmation = 'PENDING' AND status = 'ACTIVE'")
  List<UUID> allPending();

  @SqlUpdate("""
      UPDATE registration SET external_id = :r.externalId, consulate_id = :r.consulateId,
        given_name_latin = :r.givenNameLatin, family_name_latin = :r.familyNameLatin,
        given_name_arabic = :r.givenNameArabic, family_name_arabic = :r.familyNameArabic,
        date_of_birth = :r.dateOfBirth, sex = :r.sex, national_id_sealed = :r.nationalIdSealed,
        national_id_index = :r.nationalIdIndex, passport_sealed = :r.passportSealed,
        passport_index = :r.passportIndex, phone = :r.phone, email = :r.email,
        preferred_language = :r.preferredLanguage, address = :r.address, latitude = :r.latitude,
        longitude = :r.longitude, location_source = :r.locationSource, country_of_residence = :r.countryOfResidence,
        residence_type = :r.residenceType, stay_purpose = :r.stayPurpose, arrival_date = :r.arrivalDate,
        departure_date = :r.departureDate, vulnerabilities = :r.vulnerabilities,
        household = CAST(:r.household AS jsonb), emergency_contact = CAST(:r.emergencyContact AS jsonb),
        consent = CAST(:r.consent AS jsonb), content_hash = :r.contentHash, h3_cell = :r.h3Cell,
        version = version + 1,
        updated_at = :r.updatedAt, updated_by = :r.updatedBy
      WHERE id = :r.id AND version = :expectedVersion AND status = 'ACTIVE'
      """)
  int update(@BindMethods("r") RegistrationRow row, @Bind("expectedVersion") int expectedVersion);

  @SqlUpdate("""
      UPDATE registration SET status = :status, merged_into = :mergedInto, version = version + 1,
        updated_at = :at, updated_by = :by
      WHERE id = :id AND status = 'ACTIVE'
      """)
  int retire(@Bind("id") UUID id, @Bind("status") String status, @Bind("mergedInto") UUID mergedInto,
      @Bind("at") Instant at, @Bind("by") String by);

  @SqlQuery("SELECT * FROM registration WHERE id = :id")
  Optional<Registration> find(@Bind("id") UUID id);

  /**
   * The keyed content hash of a registration whose content did not change, where the stored one differs (a row sealed
   * by the migration keeps an empty one until then).
   */
  @SqlUpdate("UPDATE registration SET content_hash = :hash WHERE id = :id AND content_hash <> :hash")
  int refreshContentHash(@Bind("id") UUID id, @Bind("hash") String hash);

  /** How many of these registrations have no point. */
  @SqlQuery("SELECT count(*) FROM registration WHERE id = ANY(:ids) AND latitude IS NULL")
  long countWithoutPoint(@Bind("ids") UUID[] ids);

  /** The registrations (any status) with one of these phones, for the audit of who read what a phone received. */
  @SqlQuery("SELECT id FROM registration WHERE phone = ANY(:phones) ORDER BY id")
  List<UUID> idsWithPhones(@Bind("phones") String[] phones);

  @SqlQuery("SELECT * FROM registration WHERE id = :id FOR UPDATE")
  Optional<Registration> lock(@Bind("id") UUID id);

  @SqlQuery("SELECT id FROM registration WHERE consulate_id = :consulate AND external_id = :externalId")
  Optional<UUID> findByExternalId(@Bind("consulate") String consulateId, @Bind("externalId") String externalId);

  /**
   * Active confirmed registrations another record would duplicate, with the rule that matched: same national ID,
   * same passport (each by its blind index), or same phone, birth date and Latin name. A pending declaration is
   * nobody's duplicate: it proves only its phone (migration 048).
   */
  @SqlQuery("""
      SELECT id, 'nationalId' AS rule FROM registration
        WHERE status = 'ACTIVE' AND confirmation = 'CONFIRMED' AND national_id_index = :nationalId AND id <> :self
      UNION ALL
      SELECT id, 'passportNumber' FROM registration
        WHERE status = 'ACTIVE' AND confirmation = 'CONFIRMED' AND passport_index = :passport AND id <> :self
      UNION ALL
      SELECT id, 'phone+name+dateOfBirth' FROM registration
        WHERE status = 'ACTIVE' AND confirmation = 'CONFIRMED' AND phone = :phone AND date_of_birth = :dob
          AND lower(family_name_latin) = lower(:family) AND lower(given_name_latin) = lower(:given) AND id <> :self
      LIMIT 1
      """)
  @RegisterRowMapper(DuplicateMatchMapper.class)
  Optional<DuplicateMatch> findDuplicate(@Bind("self") UUID self, @Bind("nationalId") byte[] nationalIdIndex,
      @Bind("passport") byte[] passportIndex, @Bind("phone") String phone, @Bind("dob") java.time.LocalDate dob,
      @Bind("family") String family, @Bind("given") String given);

  /** A pending declaration that a confirmed record of the same person matches, and that record. */
  record Superseded(UUID pending, int pendingVersion, UUID kept, int keptVersion, String rule) {}

  /**
   * The pending declarations, each with the first confirmed record of the same person, locked (a confirmation or
   * refusal of the same declaration waits, then finds it no longer pending). The same person: the same national ID or
   * passport with the same birth date and family name, or the same phone with name and birth date. A number alone is
   * not enough: a citizen who mistyped theirs into somebody else's stays pending, beside that record in the queue,
   * for an officer to decide. Driven from the pending side, which is short: with no declaration waiting it reads one
   * empty index.
   */
  @SqlQuery("""
      SELECT p.id AS pending, p.version AS pending_version, m.id AS kept, m.version AS kept_version, m.rule
      FROM registration p
      JOIN LATERAL (
        SELECT c.id, c.version, 'nationalId' AS rule FROM registration c
          WHERE c.status = 'ACTIVE' AND c.confirmation = 'CONFIRMED' AND c.national_id_index = p.national_id_index
            AND c.date_of_birth = p.date_of_birth AND lower(c.family_name_latin) = lower(p.family_name_latin)
        UNION ALL
        SELECT c.id, c.version, 'passportNumber' FROM registration c
          WHERE c.status = 'ACTIVE' AND c.confirmation = 'CONFIRMED' AND c.passport_index = p.passport_index
            AND c.date_of_birth = p.date_of_birth AND lower(c.family_name_latin) = lower(p.family_name_latin)
        UNION ALL
        SELECT c.id, c.version, 'phone+name+dateOfBirth' FROM registration c
          WHERE c.status = 'ACTIVE' AND c.confirmation = 'CONFIRMED' AND c.phone = p.phone
            AND c.date_of_birth = p.date_of_birth AND lower(c.family_name_latin) = lower(p.family_name_latin)
            AND lower(c.given_name_latin) = lower(p.given_name_latin)
        LIMIT 1) m ON true
      WHERE p.confirmation = 'PENDING' AND p.status = 'ACTIVE'
      ORDER BY p.id
      FOR UPDATE OF p
      """)
  @RegisterConstructorMapper(Superseded.class)
  List<Superseded> superseded();

  /** An active registration matching another by a duplicate rule, confirmed or pending, as the queue shows it. */
  record Match(UUID id, String rule, String countryOfResidence, String consulateId,
      crisis.core.registry.Confirmation confirmation) {}

  /**
   * The active registrations, confirmed or pending, that a registration matches by any duplicate rule or shares its
   * phone with. Each number is looked up twice, among confirmed records (their unique index) and among pending ones
   * (the queue's index): one predicate for both could use neither.
   */
  @SqlQuery("""
      SELECT DISTINCT ON (m.id) m.id, m.rule, m.country_of_residence, m.consulate_id, m.confirmation
      FROM registration p
      JOIN LATERAL (
        SELECT c.id, 'nationalId' AS rule, c.country_of_residence, c.consulate_id, c.confirmation, 1 AS rank
          FROM registration c WHERE c.status = 'ACTIVE' AND c.confirmation = 'CONFIRMED'
            AND c.national_id_index = p.national_id_index
        UNION ALL
        SELECT c.id, 'nationalId', c.country_of_residence, c.consulate_id, c.confirmation, 1
          FROM registration c WHERE c.status = 'ACTIVE' AND c.confirmation = 'PENDING'
            AND c.national_id_index = p.national_id_index
        UNION ALL
        SELECT c.id, 'passportNumber', c.country_of_residence, c.consulate_id, c.confirmation, 2
          FROM registration c WHERE c.status = 'ACTIVE' AND c.confirmation = 'CONFIRMED'
            AND c.passport_index = p.passport_index
        UNION ALL
        SELECT c.id, 'passportNumber', c.country_of_residence, c.consulate_id, c.confirmation, 2
          FROM registration c WHERE c.status = 'ACTIVE' AND c.confirmation = 'PENDING'
            AND c.passport_index = p.passport_index
        UNION ALL
        SELECT c.id, 'phone+name+dateOfBirth', c.country_of_residence, c.consulate_id, c.confirmation, 3
          FROM registration c WHERE c.status = 'ACTIVE' AND c.phone = p.phone AND c.date_of_birth = p.date_of_birth
            AND lower(c.family_name_latin) = lower(p.family_name_latin)
            AND lower(c.given_name_latin) = lower(p.given_name_latin)
        UNION ALL
        SELECT c.id, 'phone', c.country_of_residence, c.consulate_id, c.confirmation, 4
          FROM registration c WHERE c.status = 'ACTIVE' AND c.phone = p.phone) m ON m.id <> p.id
      WHERE p.id = :id
      ORDER BY m.id, m.rank
      """)
  @RegisterConstructorMapper(Match.class)
  List<Match> matches(@Bind("id") UUID id);

  /** Whom an SMS to a registration reaches: its phone, its language, and the people it covers with the household. */
  record Reach(String phone, String preferredLanguage, long people) {}

  /** The reach of each of {@code ids}, in id order. */
  @SqlQuery("""
      SELECT phone, preferred_language, 1 + jsonb_array_length(household) AS people FROM registration
      WHERE id = ANY(:ids) ORDER BY id
      """)
  @RegisterConstructorMapper(Reach.class)
  List<Reach> reach(@Bind("ids") UUID[] ids);

  /** Where an active registration is, and its phone: what an alert is checked against before it is sent. */
  record Whereabouts(UUID id, String phone, Double latitude, Double longitude, String countryOfResidence) {}

  /** The whereabouts of each of {@code ids} still active (archived and merged ones are left out). */
  @SqlQuery("""
      SELECT id, phone, latitude, longitude, country_of_residence FROM registration
      WHERE id = ANY(:ids) AND status = 'ACTIVE'
      """)
  @RegisterConstructorMapper(Whereabouts.class)
  List<Whereabouts> whereabouts(@Bind("ids") UUID[] ids);

  /** A registration's given name in Latin and in Arabic (null: none), and its date of birth. */
  record GivenNames(UUID id, String givenNameLatin, String givenNameArabic, java.time.LocalDate dateOfBirth) {}

  /** The given names of each of {@code ids} (any status), oldest first: by date of birth, then id. */
  @SqlQuery("""
      SELECT id, given_name_latin, given_name_arabic, date_of_birth FROM registration
      WHERE id = ANY(:ids) ORDER BY date_of_birth, id
      """)
  @RegisterConstructorMapper(GivenNames.class)
  List<GivenNames> givenNames(@Bind("ids") UUID[] ids);

  /** A registration as a message from its phone is handled: its consulate and its preferred language. */
  record Contact(UUID id, String consulateId, String preferredLanguage) {}

  /** The contacts of each of {@code ids} (any status), in id order. */
  @SqlQuery("SELECT id, consulate_id, preferred_language FROM registration WHERE id = ANY(:ids) ORDER BY id")
  @RegisterConstructorMapper(Contact.class)
  List<Contact> contacts(@Bind("ids") UUID[] ids);

  /** The contacts of the registrations in {@code status} with this phone, in id order. */
  @SqlQuery("""
      SELECT id, consulate_id, preferred_language FROM registration WHERE phone = :phone AND status = :status
      ORDER BY id
      """)
  @RegisterConstructorMapper(Contact.class)
  List<Contact> contactsAt(@Bind("phone") String phone,
      @Bind("status") crisis.core.registry.RegistrationStatus status);

  /**
   * A registration as a queue shows whom an item is for: the Latin name, the phone, the vulnerabilities (as stored,
   * in order) and how many people it covers with the household.
   */
  record Card(UUID id, String givenNameLatin, String familyNameLatin, String phone, List<String> vulnerabilities,
      int people) {}

  /** The cards of each of {@code ids} (any status), in id order. */
  @SqlQuery("""
      SELECT id, given_name_latin, family_name_latin, phone, vulnerabilities,
             1 + jsonb_array_length(household) AS people
      FROM registration WHERE id = ANY(:ids) ORDER BY id
      """)
  @RegisterConstructorMapper(Card.class)
  List<Card> cards(@Bind("ids") UUID[] ids);

  /** Those of {@code ids} with at least one vulnerability, in no order. */
  @SqlQuery("SELECT id FROM registration WHERE id = ANY(:ids) AND cardinality(vulnerabilities) > 0")
  List<UUID> vulnerable(@Bind("ids") UUID[] ids);

  /** The registration's version (0: none such), to which no record of the alert pipeline may be ahead. */
  @SqlQuery("SELECT COALESCE((SELECT version FROM registration WHERE id = :id), 0)")
  int version(@Bind("id") UUID id);

  /**
   * An active confirmed registration that a new one would clash with on any unique rule, or any with its external
   * id.
   */
  @SqlQuery("""
      SELECT id FROM registration WHERE (status = 'ACTIVE' AND confirmation = 'CONFIRMED'
          AND (national_id_index = :n OR passport_index = :p
            OR (phone = :phone AND date_of_birth = :dob AND lower(family_name_latin) = lower(:family)
                AND lower(given_name_latin) = lower(:given))))
        OR (consulate_id = :consulate AND external_id = :ext) LIMIT 1
      """)
  Optional<UUID> findClash(@Bind("n") byte[] nationalIdIndex, @Bind("p") byte[] passportIndex, @Bind("phone") String phone,
      @Bind("dob") java.time.LocalDate dateOfBirth, @Bind("family") String family, @Bind("given") String given,
      @Bind("consulate") String consulateId, @Bind("ext") String externalId);

  @SqlQuery("SELECT * FROM registration " + LIST_FILTER + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
  List<Registration> list(@BindMethods RegistrationFilter q, @BindMethods Sought sought,
      @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM registration " + LIST_FILTER)
  long count(@BindMethods RegistrationFilter q, @BindMethods Sought sought, @Bind("allCountries") boolean allCountries,
      @Bind("countries") String[] countries);

  @SqlUpdate("""
      INSERT INTO registration_change (registration_id, version, kind, changed_fields, previous, other_id, via,
        changed_by, changed_at)
      VALUES (:id, :version, :kind, :fields, CAST(:previous AS jsonb), :other, :via, :by, :at)
      """)
  void recordChange(@Bind("id") UUID id, @Bind("version") int version, @Bind("kind") String kind,
      @Bind("fields") String[] fields, @Bind("previous") String previousJson, @Bind("other") UUID other,
      @Bind("via") String via, @Bind("by") String by, @Bind("at") Instant at);

  /** The history of a registration and of every record merged into it, oldest first, creations included. */
  @SqlQuery("""
      WITH RECURSIVE family(id) AS (
        SELECT CAST(:id AS uuid)
        UNION SELECT r.id FROM registration r JOIN family f ON r.merged_into = f.id
      )
      SELECT c.registration_id, c.version, c.kind, c.changed_fields, c.previous, c.other_id, c.via, c.changed_by,
             c.changed_at, c.id AS seq
      FROM registration_change c JOIN family f ON c.registration_id = f.id
      UNION ALL
      -- Creation is recorded on the registration row itself (bulk imports write no change row for it).
      SELECT r.id, 1, 'CREATED', CAST('{}' AS text[]), NULL, NULL, r.created_via, r.created_by, r.created_at, 0
      FROM registration r JOIN family f ON r.id = f.id
      ORDER BY changed_at, seq
      """)
  List<RegistrationChange> history(@Bind("id") UUID id);

  /** Where these registrations stand for the alert pipeline; unknown (deleted) ids are left out. */
  @SqlQuery("""
      SELECT id, version, status, latitude, longitude, h3_cell, preferred_language, country_of_residence
      FROM registration WHERE id = ANY(:ids)""")
  @RegisterConstructorMapper(RegistrationState.class)
  List<RegistrationState> states(@Bind("ids") UUID[] ids);

  /** A registration's consent, as stored (JSON). */
  record StoredConsent(UUID id, String consent) {}

  /** The consents of these registrations; unknown ids are left out. */
  @SqlQuery("SELECT id, consent::text AS consent FROM registration WHERE id = ANY(:ids)")
  @RegisterConstructorMapper(StoredConsent.class)
  List<StoredConsent> consents(@Bind("ids") UUID[] ids);

  /** The import runs that created or changed the registration (its {@code via} is {@code import:<run>}). */
  @SqlQuery("""
      SELECT DISTINCT CAST(substr(v.via, 8) AS uuid) FROM (
        SELECT created_via AS via FROM registration WHERE id = :id
        UNION SELECT via FROM registration_change WHERE registration_id = :id) v
      WHERE v.via LIKE 'import:%'""")
  List<UUID> importRuns(@Bind("id") UUID id);
  /** A registration's sealed identity numbers, as stored. */
  record SealedIdentity(UUID id, byte[] nationalIdSealed, byte[] passportSealed) {}

  /** The sealed identity numbers of the registrations after {@code after} in id order, {@code limit} of them. */
  @SqlQuery("""
      SELECT id, national_id_sealed, passport_sealed FROM registration WHERE id > :after ORDER BY id LIMIT :limit
      """)
  @RegisterConstructorMapper(SealedIdentity.class)
  List<SealedIdentity> sealedIdentities(@Bind("after") UUID after, @Bind("limit") int limit);

  /** Writes values sealed again, unless the row changed since they were read (a later pass takes it again). */
  @SqlUpdate("""
      UPDATE registration SET national_id_sealed = :nationalId, passport_sealed = :passport
      WHERE id = :id AND national_id_sealed IS NOT DISTINCT FROM :wasNationalId
        AND passport_sealed IS NOT DISTINCT FROM :wasPassport
      """)
  int reseal(@Bind("id") UUID id, @Bind("nationalId") byte[] nationalId, @Bind("passport") byte[] passport,
      @Bind("wasNationalId") byte[] wasNationalId, @Bind("wasPassport") byte[] wasPassport);

  /** The key versions the sealed identity numbers use (the bytes after the format byte of each value). */
  @SqlQuery("""
      SELECT DISTINCT v FROM (
        SELECT get_byte(national_id_sealed, 1) << 24 | get_byte(national_id_sealed, 2) << 16
          | get_byte(national_id_sealed, 3) << 8 | get_byte(national_id_sealed, 4) AS v
        FROM registration WHERE national_id_sealed IS NOT NULL
        UNION
        SELECT get_byte(passport_sealed, 1) << 24 | get_byte(passport_sealed, 2) << 16
          | get_byte(passport_sealed, 3) << 8 | get_byte(passport_sealed, 4)
        FROM registration WHERE passport_sealed IS NOT NULL) versions ORDER BY v
      """)
  List<Integer> identityKeyVersions();

  /** A change row whose previous values hold sealed fields. */
  record SealedChange(long id, UUID registrationId, String previous) {}

  /** Change rows after {@code after} whose previous values hold a sealed field, {@code limit} of them. */
  @SqlQuery("""
      SELECT id, registration_id, CAST(previous AS text) AS previous FROM registration_change
      WHERE id > :after AND jsonb_exists_any(previous, array['nationalId', 'passportNumber'])
      ORDER BY id LIMIT :limit
      """)
  @RegisterConstructorMapper(SealedChange.class)
  List<SealedChange> sealedChanges(@Bind("after") long after, @Bind("limit") int limit);

  @SqlUpdate("UPDATE registration_change SET previous = CAST(:previous AS jsonb) WHERE id = :id")
  int rewriteChange(@Bind("id") long id, @Bind("previous") String previous);
}
