package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.core.retention.RetentionPolicy;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * How long personal data is kept (docs/data-protection.md, "Retention"): {@code temporaryStayDays} after a temporary
 * stay's departure date (default 30); {@code departedMonths} after a registration is archived or merged (default 18);
 * {@code smsTextDays}, the texts of SMS sent and received (default 90); {@code closedRecordMonths} after an
 * evacuation request ended, a remains case was handed over or a reintegration case closed (default 60, a placeholder
 * for the period the ministry's legal adviser sets); {@code auditMonths}, the audit trail's events, deleted by
 * {@code purge-audit} as the schema's owner (default 60, at least 12); {@code purgeEvery}, how often the purge runs
 * (default 1 hour; once per deployment, on the instance holding its lease).
 */
public class RetentionConfig {
  @Min(1)
  @Max(3650)
  @JsonProperty
  public int temporaryStayDays = RetentionPolicy.DEFAULT.temporaryStayDays();

  @Min(1)
  @Max(120)
  @JsonProperty
  public int departedMonths = RetentionPolicy.DEFAULT.departedMonths();

  @Min(1)
  @Max(3650)
  @JsonProperty
  public int smsTextDays = RetentionPolicy.DEFAULT.smsBodyDays();

  @Min(1)
  @Max(360)
  @JsonProperty
  public int closedRecordMonths = RetentionPolicy.DEFAULT.closedRecordMonths();

  /** Read by {@code purge-audit}, which the schema's owner runs; the server never deletes audit events. */
  @Min(crisis.core.audit.AuditRetention.MIN_MONTHS)
  @Max(600)
  @JsonProperty
  public int auditMonths = 60;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration purgeEvery = Duration.hours(1);

  public RetentionPolicy policy() {
    return new RetentionPolicy(temporaryStayDays, departedMonths, smsTextDays, closedRecordMonths);
  }
}
