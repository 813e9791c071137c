package crisis.core.citizen;

import crisis.core.citizen.db.PhoneProofDao;
import crisis.core.citizen.db.SmsDialogueDao;
import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.Hold;
import crisis.core.privacy.PersonalData;
import crisis.core.privacy.SubjectRows;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What the citizen's own side keeps: {@code phone_proof}, a phone only by its blind index, for the hour its codes are
 * counted; {@code sms_dialogue}, a registration by SMS under way, for a day at most. Gone with the phone's only
 * registered owner. Holds no one.
 */
public final class CitizenPersonalData implements PersonalData {

  @Override
  public Map<String, String> tables() {
    return Map.of("phone_proof", "phone_index (the phone's blind index)",
        "sms_dialogue", "phone, answers (a registration by SMS under way: country, city, name, birth date)");
  }

  @Override
  public Map<UUID, Hold> holds(Handle h, UUID[] ids, Set<UUID> openCrises) {
    return Map.of();
  }

  @Override
  public Map<String, Integer> forget(Handle h, Forgotten people) {
    FieldCipher cipher = FieldCipher.of(h);
    List<byte[]> indexes = Arrays.stream(people.phones())
        .map(p -> cipher.index(FieldCipher.Field.PROOF_PHONE, p)).toList();
    return Map.of("phone_proof", indexes.isEmpty() ? 0
        : Arrays.stream(h.attach(PhoneProofDao.class).forget(indexes)).sum(),
        "sms_dialogue", people.phones().length == 0 ? 0
            : Arrays.stream(h.attach(SmsDialogueDao.class).forget(Arrays.asList(people.phones()))).sum());
  }

  @Override
  public Map<String, List<Map<String, Object>>> export(Handle h, Subject person) {
    return Map.of("phone_proof", person.phone() == null ? List.of() : SubjectRows.of(h.attach(PhoneProofDao.class)
        .of(FieldCipher.of(h).index(FieldCipher.Field.PROOF_PHONE, person.phone()))),
        "sms_dialogue", person.phone() == null ? List.of()
            : SubjectRows.of(h.attach(SmsDialogueDao.class).of(person.phone())));
  }

  @Override
  public Map<String, Integer> expire(Handle h, Instant now, Set<UUID> openCrises) {
    // Kept only while its hour of counting lasts.
    return Map.of("phone_proof", h.attach(PhoneProofDao.class).expire(now.minus(PhoneProofs.WINDOW)),
        "sms_dialogue", h.attach(SmsDialogueDao.class).expire(now.minus(SmsDeclarations.ABANDONED)));
  }
}
