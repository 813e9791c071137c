package crisis.alerts.pipeline;

import java.util.UUID;

/**
 * What the database says an aggregate's version is. The pipeline's topics are not believed on their own: a record
 * whose version is ahead of the database's was not written by the relay (which publishes states the database
 * committed) and would make every real change after it look stale, freezing a crisis or silently dropping a person
 * from alerting. Such a record is refused and reported. A lookup that cannot be answered throws
 * {@link Unavailable}: the record is then processed again later, never refused for it.
 */
public interface Versions {

  /** The registration's version in the database; 0 when there is none. */
  int registration(UUID id);

  /** The crisis's version in the database; 0 when there is none. */
  int crisis(UUID id);

  /** The database could not be asked: the stream thread stops and the record is read again once it is replaced. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(Throwable cause) {
      super("the database cannot tell the versions the pipeline checks its records against", cause);
    }
  }
}
