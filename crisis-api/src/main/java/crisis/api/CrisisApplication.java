package crisis.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import crisis.api.auth.JsonUnauthorizedHandler;
import crisis.api.auth.LoginThrottle;
import crisis.api.auth.LoginThrottleFilter;
import crisis.api.auth.PasswordAuthenticator;
import crisis.api.auth.RoleAuthorizer;
import crisis.api.auth.UserPrincipal;
import crisis.api.cli.DemoCsvCommand;
import crisis.api.cli.KafkaAclsCommand;
import crisis.api.cli.KeysCommand;
import crisis.api.cli.ImportCommand;
import crisis.api.cli.UserCommand;
import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.demo.DemoSeeder;
import crisis.api.errors.BodySizeFilter;
import crisis.api.errors.DisabledTaskFilter;
import crisis.api.errors.DomainExceptionMappers;
import crisis.api.errors.JsonErrorMapper;
import crisis.api.errors.NulText;
import crisis.api.errors.UnexpectedErrorMapper;
import crisis.api.errors.JsonErrorHandler;
import crisis.api.errors.WebErrorMapper;
import crisis.api.health.AlertsHealthCheck;
import crisis.api.health.CrisisPipelineHealthCheck;
import crisis.api.health.DatabaseHealthCheck;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Inbox;
import crisis.alerts.outreach.OutreachSettings;
import crisis.api.config.SmsFactory;
import crisis.api.resources.AssistanceResource;
import crisis.api.resources.AuditResource;
import crisis.api.resources.ConsulateResource;
import crisis.api.resources.CountryResource;
import crisis.api.resources.CrisisEventsResource;
import crisis.api.resources.CrisisResource;
import crisis.api.resources.GeoResource;
import crisis.api.resources.ImportResource;
import crisis.api.resources.MeResource;
import crisis.api.resources.OpenApiResource;
import crisis.api.resources.EvacuationQueueResource;
import crisis.api.resources.EvacuationResource;
import crisis.api.resources.LegResource;
import crisis.api.resources.PlaceResource;
import crisis.api.resources.ReintegrationResource;
import crisis.api.resources.SessionResource;
import crisis.api.auth.SessionAuthFilter;
import crisis.core.users.Sessions;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import crisis.api.resources.RemainsResource;
import crisis.api.resources.RegistrationResource;
import crisis.api.resources.SearchResource;
import crisis.api.services.Services;
import crisis.core.db.Jdbis;
import crisis.core.db.Migrations;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

/** The crisis and repatriation coordination system: one place wires everything, by constructor. */
public class CrisisApplication extends Application<CrisisConfiguration> {
  private volatile AlertsManager alerts;

  public static void main(String[] args) throws Exception {
    new CrisisApplication().run(args);
  }

  @Override
  public String getName() {
    return "crisis";
  }

  @Override
  public void initialize(Bootstrap<CrisisConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    // ISO-8601 dates, and a field the API does not know is an error rather than silently lost data; so is 10.5
    // where a whole number is expected (it was truncated to 10).
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .registerModule(NulText.jsonModule());
    // A date is written as a date: 123 is not 1970-05-04.
    bootstrap.getObjectMapper().configOverride(java.time.LocalDate.class)
        .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forLeniency(false));
    // db migrate, status ...: Dropwizard's migration commands, under the lock the server's migrateOnStart takes.
    bootstrap.addCommand(new crisis.api.cli.DbCommand());
    // The web console's pages and libraries, served by the application itself at /console/.
    bootstrap.addBundle(new io.dropwizard.assets.AssetsBundle("/console", "/console", "index.html", "console"));
    // The citizen's own page (issue 34), apart from the console: no session of the staff, its own policy.
    bootstrap.addBundle(new io.dropwizard.assets.AssetsBundle("/citizen", "/citizen", "index.html", "citizen"));
    bootstrap.addCommand(new ImportCommand());
    bootstrap.addCommand(new UserCommand());
    bootstrap.addCommand(new KeysCommand());
    bootstrap.addCommand(new crisis.api.cli.PurgeAuditCommand());
    bootstrap.addCommand(new DemoCsvCommand());
    bootstrap.addCommand(new KafkaAclsCommand());
  }

  /** Opens the configured database as a Jdbi, migrating it first when the configuration asks. */
  public static Jdbi jdbi(CrisisConfiguration config, Environment env) {
    DataSourceFactory dsf = DataSources.server(config);
    if (config.getDatabase().migrateOnStart()) {
      // As the schema's owner, on a pool of its own closed at once: the server's role may not change the schema.
      ManagedDataSource owner = DataSources.migration(config).build(env.metrics(), "postgresql-migration");
      try {
        Migrations.migrate(owner, config.getPersonalData().keys());
      } finally {
        try {
          owner.stop();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the migration's connections", e);
        }
      }
    }
    ManagedDataSource ds = dsf.build(env.metrics(), "postgresql");
    Jdbi jdbi = Jdbis.configure(new JdbiFactory().build(env, dsf, ds, "postgresql"));
    config.getPersonalData().keys().install(jdbi, Clock.systemUTC());
    return jdbi;
  }

  /** The alert pipeline's manager once the application runs (for tests and tools). */
  public AlertsManager alerts() {
    return alerts;
  }

  @Override
  public void run(CrisisConfiguration config, Environment env) {
    if (config.getServerFactory() instanceof AbstractServerFactory f) {
      f.setRegisterDefaultExceptionMappers(false);
    }
    Jdbi jdbi = jdbi(config, env);
    Clock clock = Clock.systemUTC();
    OutreachSettings outreachSettings = config.getSms().settings();
    Services services = Services.build(jdbi, clock, config.getLimits().maxZoneVertices, outreachSettings.senders(),
        config.getRepatriation().settings(), config.getReintegration().settings());
    Map<String, String> demoCredentials = config.getDemo().enabled
        ? DemoSeeder.seedIfEmpty(services, config.getDemo()) : Map.of();

    // Readiness first: its drain runs before any other stopping listener (the live streams' end among them).
    crisis.api.health.Readiness readiness = new crisis.api.health.Readiness(() -> {
      AlertsManager a = this.alerts;
      return a == null ? null : a.pipeline();
    }, jdbi);
    readiness(config, env, readiness);

    LoginThrottle throttle = new LoginThrottle(config.getLoginThrottle().policy(), Clock.systemUTC());
    filters(config, env, throttle);
    Sessions sessions = new Sessions(jdbi, config.getConsole().sessionIdleTimeout.toJavaDuration(),
        config.getConsole().sessionMaxAge.toJavaDuration(), clock);
    authentication(config, env, services, sessions);
    errorMapping(config, env);

    // What comes back from the gateway needs no Kafka: delivery reports and replies are served even while the
    // pipeline is away.
    DeliveryReports reports = new DeliveryReports(jdbi, clock);
    Inbox inbox = new Inbox(jdbi, outreachSettings.senders(), clock);
    SmsFactory.Connection sms = config.getSms().build(clock, reports, inbox, env.lifecycle(),
        services.audit(), jdbi);
    // One purge and its owners, shared by the schedule and the person's rights.
    crisis.core.retention.RetentionPurge purge = crisis.api.services.PersonalDataOwners.purge(jdbi, clock,
        config.getRetention().policy(), services.audit());
    crisis.core.citizen.DeclarationReview review = new crisis.core.citizen.DeclarationReview(jdbi,
        services.pendingRegistrations(), purge, services.audit(), outreachSettings.senders(), clock);
    resources(config, env, services, sessions, throttle, sms, clock, purge, review);
    // The leases before every job that wants one: started first, stopped after the jobs.
    LeasesManager leases = new LeasesManager(DataSources.server(config));
    env.lifecycle().manage(leases);
    clocks(config, env, services, jdbi, leases.leases(), purge, new crisis.core.citizen.StayReminders(jdbi,
        outreachSettings.senders(), config.getCitizen().pageUrl, clock));
    AlertsManager alerts = new AlertsManager(config.getKafka(), jdbi, sms.gateway(), outreachSettings, reports,
        services.reintegration().opening(), leases.leases());
    env.lifecycle().manage(alerts);
    this.alerts = alerts;
    admin(env, jdbi, alerts);
    crisis.api.health.RouteTimings timings = new crisis.api.health.RouteTimings();
    env.jersey().register(timings);
    crisis.api.health.PrometheusServlet prometheus = new crisis.api.health.PrometheusServlet(readiness, jdbi,
        alerts::pipeline, alerts::settings, timings, outreachSettings.reminderAfter(), clock, leases.leases()::holding);
    env.admin().addServlet("prometheus", prometheus).addMapping("/prometheus");
    env.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
      @Override
      public void stop() {
        prometheus.close();
      }
    });
    env.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
      @Override
      public void serverStarted(org.eclipse.jetty.server.Server server) {
        Banner.print(getLocalPort(server), demoCredentials);
      }
    });
  }

  /**
   * {@code GET /ready} on the admin port, and the drain: Jetty calls its stopping listeners before it stops anything
   * (connectors, then the managed objects: the pipeline, the dispatcher), so /ready turns 503 at once while the
   * server keeps serving for {@code readiness.drainDelay}; then Jetty stops accepting, gives requests in flight
   * {@code server.shutdownGracePeriod}, and the managed objects stop.
   */
  private static void readiness(CrisisConfiguration config, Environment env, crisis.api.health.Readiness readiness) {
    env.admin().addServlet("ready", new crisis.api.health.ReadyServlet(readiness)).addMapping("/ready");
    java.time.Duration drain = config.getReadiness().drainDelay.toJavaDuration();
    env.lifecycle().addServerLifecycleListener(server -> readiness.started());
    env.lifecycle().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
        readiness.stopping();
        if (!drain.isZero()) {
          org.slf4j.LoggerFactory.getLogger(CrisisApplication.class)
              .info("stopping: not ready; draining for {} before the server stops accepting", drain);
          try {
            Thread.sleep(drain.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    });
  }

  /** The servlet filters and the sign-in throttle: what every request goes through before Jersey. */
  private static void filters(CrisisConfiguration config, Environment env, LoginThrottle throttle) {
    env.jersey().register(new LoginThrottleFilter(throttle));
    env.jersey().register(new crisis.api.auth.ConsoleChallengeFilter());
    env.servlets().addFilter("console-headers", new crisis.api.console.ConsoleHeaders(
        config.getConsole().mapTilesOrigin()))
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/console/*");
    // The citizen's page: only its own scripts, styles and API; no map tiles, no other origin.
    env.servlets().addFilter("citizen-headers", new crisis.api.console.ConsoleHeaders())
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/citizen/*");
    env.servlets().addFilter("client-address", new crisis.api.auth.ClientAddress(
        config.getLoginThrottle().trustedProxies))
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
    env.servlets().addFilter("cross-site", new crisis.api.auth.CrossSiteFilter())
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/api/*");
    env.servlets().addFilter("api-headers", new crisis.api.auth.ApiHeaders())
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/api/*");
  }

  /**
   * Scripts sign every request with HTTP Basic; the web console uses a session cookie and a CSRF token. Roles are
   * checked by {@code @RolesAllowed}; a resource method gets its {@code Actor} from {@link crisis.api.auth.ActorBinder}.
   */
  private static void authentication(CrisisConfiguration config, Environment env, Services services,
      Sessions sessions) {
    env.jersey().register(new AuthDynamicFeature(new ChainedAuthFilter<>(List.of(
        new BasicCredentialAuthFilter.Builder<UserPrincipal>()
            .setAuthenticator(PasswordAuthenticator.enabledOnly(new CachingAuthenticator<>(env.metrics(),
                new PasswordAuthenticator(services.users()), CaffeineSpec.parse(config.getAuthenticationCachePolicy())),
                services.users()))
            .setAuthorizer(new RoleAuthorizer())
            .setRealm("crisis")
            .setUnauthorizedHandler(new JsonUnauthorizedHandler())
            .buildAuthFilter(),
        SessionAuthFilter.of(sessions, services.users())))));
    env.jersey().register(RolesAllowedDynamicFeature.class);
    env.jersey().register(new AuthValueFactoryProvider.Binder<>(UserPrincipal.class));
    env.jersey().register(new crisis.api.auth.ActorBinder());
  }

  /** Body limits, and every error as JSON: the core's refusals, Jersey's, Jetty's own, and the unexpected. */
  private static void errorMapping(CrisisConfiguration config, Environment env) {
    env.jersey().register(new BodySizeFilter(config.getLimits().maxJsonBytes, config.getLimits().maxZoneBytes));
    env.jersey().register(new NulText.QueryFilter());
    env.jersey().register(new DomainExceptionMappers.Validation());
    env.jersey().register(new DomainExceptionMappers.NotFound());
    env.jersey().register(new DomainExceptionMappers.Conflict());
    env.jersey().register(new DomainExceptionMappers.Duplicate());
    env.jersey().register(new DomainExceptionMappers.Forbidden());
    env.jersey().register(new DomainExceptionMappers.TooMany());
    env.jersey().register(new DomainExceptionMappers.Unauthenticated());
    env.jersey().register(new JsonErrorMapper());
    env.jersey().register(new WebErrorMapper());
    // Jetty's own errors (bad URI, URI or headers too long) as JSON, on both ports and before any context.
    env.getApplicationContext().setErrorHandler(new JsonErrorHandler());
    env.getAdminContext().setErrorHandler(new JsonErrorHandler());
    env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
    env.jersey().register(new UnexpectedErrorMapper());
  }

  /** Every resource once: registered with Jersey and described by the OpenAPI document from the same list. */
  private static void resources(CrisisConfiguration config, Environment env, Services services, Sessions sessions,
      LoginThrottle throttle, SmsFactory.Connection sms, Clock clock, crisis.core.retention.RetentionPurge purge,
      crisis.core.citizen.DeclarationReview review) {
    CrisisEventsResource events = new CrisisEventsResource(services.crises(), services.outreach(), sessions,
        services.users(), clock,
        config.getConsole().eventsEvery.toJavaDuration(), config.getConsole().sessionMaxAge.toJavaDuration(),
        config.getConsole().maxEventStreams);
    env.lifecycle().manage(events);
    env.lifecycle().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
        events.endAll();
      }
    });
    // The console's base map, built once in the background so that the first map to open does not wait for it.
    crisis.core.geo.BaseMap baseMap = new crisis.core.geo.BaseMap(services.boundaries());
    Thread warm = new Thread(baseMap::geojson, "base-map");
    warm.setDaemon(true);
    warm.start();
    List<Object> resources = List.of(
        new RegistrationResource(services.registrations()),
        new crisis.api.resources.PersonalDataResource(new crisis.core.retention.SubjectRights(services.jdbi(),
            purge, services.audit(), clock)),
        new ImportResource(services.importer(), services.importMappings(), env.getObjectMapper(),
            config.getLimits().maxImportBytes),
        new crisis.api.resources.ImportMappingResource(services.importMappings()),
        new SearchResource(services.zoneSearch(), services.zoneParser(), services.boundaries()),
        new CrisisResource(services.crises(), services.crisisPreview(), services.outreach()),
        events,
        new AssistanceResource(services.outreach()),
        sms.inboundResource(),
        new GeoResource(services.density(), baseMap, crisis.core.geo.PlaceLabels.shared()),
        new PlaceResource(services.places()),
        new EvacuationResource(services.repatriation(), services.reintegration().cases()),
        new EvacuationQueueResource(services.repatriation()),
        new LegResource(services.repatriation()),
        new RemainsResource(services.repatriation().remains(), services.repatriation().remainsProgress()),
        new ReintegrationResource(services.reintegration()),
        new CountryResource(services.countries()),
        new ConsulateResource(services.consulates()),
        new AuditResource(services.audit(), services.registrations()),
        new crisis.api.resources.UserResource(services.users()),
        new MeResource(),
        new crisis.api.resources.CitizenResource(services.phoneProofs(), services.declarations(),
            services.countries(), services.consulates(), services.citizenRecords(), config.getCitizen().pageUrl),
        new crisis.api.resources.PendingRegistrationResource(services.pendingRegistrations(), review),
        new SessionResource(services.users(), sessions, throttle, config.getConsole().secureCookie,
            config.getConsole().sessionMaxAge.toJavaDuration(), config.getConsole().mapTiles));
    resources.forEach(env.jersey()::register);
    env.jersey().register(new OpenApiResource(new OpenApiResource.ApiClasses(
        resources.stream().<Class<?>>map(Object::getClass).toList())));
  }

  /**
   * The background loops of the core: the cell counts' fold, the gate clock, the reintegration clock, the travellers'
   * reminders, the retention purge; each once per deployment, on the instance holding its lease.
   */
  private static void clocks(CrisisConfiguration config, Environment env, Services services, Jdbi jdbi,
      crisis.alerts.support.Leases leases, crisis.core.retention.RetentionPurge purge,
      crisis.core.citizen.StayReminders reminders) {
    crisis.core.registry.CellCounts cellCounts = new crisis.core.registry.CellCounts(jdbi);
    // Cell-count deltas folded every few seconds (a large fold may have left more: again at once).
    env.lifecycle().manage(new LoopManager("cell-counts", java.time.Duration.ofSeconds(10),
        () -> cellCounts.compact() >= 50_000, leases));
    // Gates no officer closed are closed on time, and their no-shows' seats offered to the waitlist.
    env.lifecycle().manage(new LoopManager("gate-clock", config.getRepatriation().gateClockEvery.toJavaDuration(),
        () -> services.repatriation().gateClosing().closeDue() > 0, leases));
    // Check-ins fallen due are sent (and become tasks), and late referrals remind their case workers.
    env.lifecycle().manage(new LoopManager("reintegration-clock",
        config.getReintegration().clockEvery.toJavaDuration(),
        () -> services.reintegration().checkIns().sendDue() + services.reintegration().referrals().remindDue() > 0,
        leases));
    // Travellers asked, a few days before their trip's planned end, whether they are still there.
    env.lifecycle().manage(new LoopManager("stay-reminders", config.getCitizen().remindEvery.toJavaDuration(),
        () -> {
          reminders.sendDue();
          return false;
        }, leases));
    // People past their retention period are purged (their holds respected), SMS texts past theirs cleared.
    env.lifecycle().manage(new LoopManager("retention-purge", config.getRetention().purgeEvery.toJavaDuration(),
        () -> {
          purge.run();
          return false;
        }, leases));
  }

  /**
   * The admin port: health checks, and no task. Dropwizard's admin tasks (log levels, a garbage collection) need no
   * authentication: none is served; the port, on the loopback, keeps its read-only pages (SECURITY.md).
   */
  private static void admin(Environment env, Jdbi jdbi, AlertsManager alerts) {
    env.getAdminContext().addFilter(new DisabledTaskFilter(), "/tasks/*",
        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    env.healthChecks().register("database", new DatabaseHealthCheck(jdbi));
    env.healthChecks().register("alerts", new AlertsHealthCheck(alerts::pipeline, java.time.Duration.ofMinutes(5)));
    env.healthChecks().register("crisis-pipeline", new CrisisPipelineHealthCheck(jdbi));
  }

}
