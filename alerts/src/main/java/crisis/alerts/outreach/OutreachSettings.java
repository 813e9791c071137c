package crisis.alerts.outreach;

import crisis.core.outreach.SenderPlan;
import java.time.Duration;

/**
 * How SMS leave and how the silent are followed up.
 *
 * @param senders which sender serves which destination country, at which rate
 * @param statusCallbackUrl the public URL of the status webhook given to the gateway with each SMS, or null
 * @param workers gateway requests in flight at most, across senders (Twilio answers in ~200 ms: 32 workers keep
 *     160 SMS/s going)
 * @param householdWindow how long a new alert SMS waits for the alerts of people sharing its phone, so that one
 *     SMS names them all
 * @param inFlightTimeout after this, an attempt with no recorded outcome (the process died) is looked up at the
 *     gateway and sent again only if the gateway does not have it; must exceed the gateway's request timeout
 * @param lookupDelay how long after an unanswered request the gateway is asked whether it has the message
 * @param maxAttempts attempts before an SMS is given up as failed
 * @param retryBase the first retry's delay; doubled per attempt, with jitter, up to {@code retryMax}
 * @param reminderAfter silence after an alert SMS before the reminder
 * @param callAfter silence after the reminder before the voice call
 * @param escalationEvery how often the silent are looked for
 */
public record OutreachSettings(SenderPlan senders, String statusCallbackUrl, int workers, Duration householdWindow,
    Duration inFlightTimeout, Duration lookupDelay, int maxAttempts, Duration retryBase, Duration retryMax,
    Duration reminderAfter, Duration callAfter, Duration escalationEvery) {

  public OutreachSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
