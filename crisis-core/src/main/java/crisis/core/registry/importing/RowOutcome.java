package crisis.core.registry.importing;

import crisis.core.common.FieldError;
import java.util.List;
import java.util.UUID;

/**
 * What became of one CSV row.
 *
 * @param line the file line the row starts on (the header is line 1)
 * @param registrationId the record created, updated or left unchanged, or the existing record a duplicate matches
 * @param rule for a duplicate, what matched: externalId, nationalId, passportNumber or phone+name+dateOfBirth
 * @param errors for a rejected row, each problem with the CSV column it is in
 * @param location for a row without a point but with an address: the town it was located at, or why it was not
 * @param readAs each value written otherwise than the format's and how it was read ("date_of_birth: '14/03/1985'
 *     read as 1985-03-14"), so that the officer sees what was changed; null when none was
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record RowOutcome(long line, Status status, UUID registrationId, String externalId, String rule,
    List<FieldError> errors, String location, List<String> readAs) {

  public RowOutcome(long line, Status status, UUID registrationId, String externalId, String rule,
      List<FieldError> errors) {
    this(line, status, registrationId, externalId, rule, errors, null, null);
  }

  RowOutcome withLocation(String note) {
    return new RowOutcome(line, status, registrationId, externalId, rule, errors, note, readAs);
  }

  RowOutcome withReadAs(List<String> notes) {
    return new RowOutcome(line, status, registrationId, externalId, rule, errors, location,
        notes == null || notes.isEmpty() ? null : List.copyOf(notes));
  }

  public enum Status { CREATED, UPDATED, UNCHANGED, DUPLICATE, REJECTED }

  static RowOutcome rejected(long line, String externalId, List<FieldError> errors) {
    return new RowOutcome(line, Status.REJECTED, null, externalId, null, List.copyOf(errors));
  }
}
