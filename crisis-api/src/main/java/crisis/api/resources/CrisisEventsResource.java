package crisis.api.resources;

import crisis.api.auth.SessionAuthFilter;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisTally;
import crisis.core.outreach.OutreachService;
import crisis.core.users.Sessions;
import io.dropwizard.lifecycle.Managed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crisis's tally as it moves, for the console's crisis page: server-sent events on one connection instead of a
 * page polling several endpoints. Each stream gets what {@code GET …/status} and {@code GET …/outreach} answer every
 * {@code every} (one read per crisis for all its streams on the instance, {@link SharedTallies}: the tally is the same
 * for every reader; the right to read the crisis is the caller's own, checked when the stream opens), and sends an
 * event only when something changed: {@code tally} (the two together), and for the crisis cell {@code reply}: the
 * newest {@link #MAX_REPLIES} replies received before the stream opened, at once, then each reply as it arrives (read
 * through the replies API with the caller's rights, so audited like it), so that a page opened late or reconnected
 * after a cut has what came meanwhile (the console merges replies by id, and reads the replies API when a cut may
 * have lasted longer than that). A stream ends when the browser goes, when its console session ends (signed out, idle, or its user disabled:
 * checked without counting as a use), and for a script signed in with Basic after {@code maxAge} or as soon as its
 * user is disabled. At most {@code maxStreams} at once, {@link #PER_USER} per user, and a fifth of them kept for the
 * crisis cell (503 with Retry-After above).
 */
@Path("/api/v1/crises")
@Tag(name = "crises")
@SecurityRequirement(name = "basic")
public class CrisisEventsResource implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(CrisisEventsResource.class);
  /** The most replies one event round sends; older new ones stay readable through the replies API. */
  static final int MAX_REPLIES = 50;

  /** What a {@code tally} event carries. */
  public record Tally(CrisisTally status, OutreachService.Summary outreach) {}

  private final CrisisService crises;
  private final OutreachService outreach;
  private final Sessions sessions;
  private final crisis.core.users.UserService users;
  private final Clock clock;
  private final Duration every;
  private final Duration maxAge;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();
  /** Streams open per user. */
  private final java.util.Map<String, Integer> perUser = new java.util.HashMap<>();
  /** The most live streams one user may hold at once. */
  static final int PER_USER = 4;
  private final Set<Stream> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** One tally read per crisis for all its pages, fresh to half the interval. */
  private final SharedTallies<Tally> tallies;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "crisis-events");
    t.setDaemon(true);
    return t;
  });

  public CrisisEventsResource(CrisisService crises, OutreachService outreach, Sessions sessions,
      crisis.core.users.UserService users, Clock clock, Duration every, Duration maxAge, int maxStreams) {
    this.users = users;
    this.crises = crises;
    this.outreach = outreach;
    this.sessions = sessions;
    this.clock = clock;
    this.every = every;
    this.maxAge = maxAge;
    this.maxStreams = maxStreams;
    this.tallies = new SharedTallies<>(every.dividedBy(2), System::nanoTime);
  }

  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The crisis's tally and replies as they change, as server-sent events",
      description = "Events: tally (status and outreach together, sent at once and on every change); reply (crisis "
          + "cell only: the newest 50 replies received before the stream opened, then each reply as it arrives; "
          + "audited as READ_REPLIES).")
  public void events(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @Parameter(hidden = true) @CookieParam(SessionAuthFilter.COOKIE) String cookie,
      @Context ContainerRequestContext context, @Context SseEventSink sink, @Context Sse sse) {
    crises.get(actor, id);
    String refusal = reserve(actor);
    if (refusal != null) {
      throw new ServiceUnavailableException(refusal, 30L);
    }
    String session = SessionAuthFilter.bySession(context) ? cookie : null;
    Stream s = new Stream(actor, id, session, sink, sse);
    streams.add(s);
    s.future = timer.scheduleWithFixedDelay(s::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    if (s.ended()) {
      s.future.cancel(false);
    }
  }

  /**
   * Takes a stream slot for the actor, or says why not: at most {@link #PER_USER} streams per user (one officer
   * cannot take them all), and the last {@link #cellReserve} of {@code maxStreams} kept for the crisis cell, whose
   * live page must open during a crisis.
   */
  private synchronized String reserve(Actor actor) {
    int mine = perUser.getOrDefault(actor.username(), 0);
    if (mine >= PER_USER) {
      return "you have " + mine + " live crisis pages open already; close one";
    }
    int limit = actor.role() == crisis.core.access.Role.CRISIS_CELL ? maxStreams : maxStreams - cellReserve();
    if (open.get() >= limit) {
      return "too many live crisis pages are open; try again shortly";
    }
    open.incrementAndGet();
    perUser.merge(actor.username(), 1, Integer::sum);
    return null;
  }

  private synchronized void release(Actor actor) {
    open.decrementAndGet();
    perUser.computeIfPresent(actor.username(), (k, n) -> n <= 1 ? null : n - 1);
  }

  /** The slots only the crisis cell may take: a fifth of them, at least one. */
  private int cellReserve() {
    return Math.max(1, maxStreams / 5);
  }

  /** Streams open now. */
  int open() {
    return open.get();
  }

  /**
   * Ends every open stream: called when the server begins to stop, so that its graceful stop does not wait on pages
   * that would stream for hours (their EventSource reconnects to whichever instance answers next).
   */
  public void endAll() {
    for (Stream s : streams) {
      s.end();
    }
  }

  @Override
  public void stop() {
    endAll();
    timer.shutdownNow();
  }

  private final class Stream {
    final Actor actor;
    final UUID crisis;
    /** The console session's cookie, or null for a request signed in with Basic. */
    final String session;
    final SseEventSink sink;
    final Sse sse;
    final Instant openedAt;
    volatile ScheduledFuture<?> future;
    Tally last;
    long replies = -1;
    final Set<UUID> sent = new HashSet<>();
    boolean done;

    Stream(Actor actor, UUID crisis, String session, SseEventSink sink, Sse sse) {
      this.actor = actor;
      this.crisis = crisis;
      this.session = session;
      this.sink = sink;
      this.sse = sse;
      this.openedAt = clock.instant();
    }

    synchronized boolean ended() {
      return done;
    }

    synchronized void tick() {
      if (done) {
        return;
      }
      try {
        Instant now = clock.instant();
        // A Basic stream ends as soon as its user is disabled, as a session's does (alive() checks the user too).
        if (sink.isClosed() || (session != null ? !sessions.alive(session)
            : now.isAfter(openedAt.plus(maxAge)) || !users.enabled(actor.username()))) {
          end();
          return;
        }
        // The reader's right to read the crisis was checked when the stream opened; the tally is the same for all.
        Tally t = tallies.get(crisis, () -> new Tally(crises.status(actor, crisis), outreach.summary(actor, crisis)));
        boolean said = false;
        if (!t.equals(last)) {
          send("tally", Tally.class, t);
          said = true;
        }
        if (actor.role() == Role.CRISIS_CELL) {
          long count = t.outreach().replies();
          // At the first round, the newest replies already there: a page opened late, or reconnected, has them.
          long before = Math.max(0, replies);
          if (count > before) {
            sendReplies((int) Math.min(MAX_REPLIES, count - before));
            said = true;
          }
          replies = count;
        }
        last = t;
        // A round with nothing to say writes a comment line: a proxy does not close a quiet stream, and a browser
        // that left (a reload, a closed tab) is found within two rounds, so its slot is free for the page it opens
        // next (found only every 15 seconds, a user reloading a few times met "close one" meanwhile).
        if (!said && sink.send(sse.newEventBuilder().comment("").build()).toCompletableFuture()
            .isCompletedExceptionally()) {
          throw new IllegalStateException("send failed");
        }
      } catch (RuntimeException e) {
        // The crisis gone, or a failed send (the browser left): either way this stream is over.
        LOG.debug("crisis event stream ended: {}", e.getClass().getSimpleName());
        end();
      }
    }

    /** The newest replies not sent yet, oldest first. */
    private void sendReplies(int newest) {
      List<OutreachService.Reply> fresh = new ArrayList<>();
      for (OutreachService.Reply r : outreach.replies(actor, crisis, null, 0, newest).items()) {
        if (sent.add(r.id())) {
          fresh.add(r);
        }
      }
      for (int i = fresh.size() - 1; i >= 0; i--) {
        send("reply", OutreachService.Reply.class, fresh.get(i));
      }
    }

    private <T> void send(String name, Class<T> type, T data) {
      if (sink.send(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(type, data)
          .build()).toCompletableFuture().isCompletedExceptionally()) {
        throw new IllegalStateException("send failed");
      }
    }

    private synchronized void end() {
      if (done) {
        return;
      }
      done = true;
      release(actor);
      streams.remove(this);
      if (streams.stream().noneMatch(o -> o.crisis.equals(crisis))) {
        tallies.forget(crisis);
      }
      if (future != null) {
        future.cancel(false);
      }
      try {
        sink.close();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
  }
}
