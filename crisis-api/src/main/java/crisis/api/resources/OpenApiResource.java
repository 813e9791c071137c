package crisis.api.resources;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.OpenApiConfigurationException;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3 description of this API, generated from the resource classes and their annotations at first request,
 * so it cannot drift from the code.
 */
@Path("/api/v1")
@Hidden
public class OpenApiResource {
  private final ApiClasses resources;
  private volatile OpenAPI document;

  public OpenApiResource(ApiClasses resources) {
    this.resources = resources;
  }

  /** The resource classes to describe (a concrete type, so that Jersey's constructor check accepts it). */
  public record ApiClasses(List<Class<?>> classes) {
    public static ApiClasses of(Class<?>... classes) {
      return new ApiClasses(List.of(classes));
    }
  }

  @GET
  @Path("openapi.json")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  public String json() throws Exception {
    return Json.pretty(document());
  }

  @GET
  @Path("openapi.yaml")
  @PermitAll
  @Produces("application/yaml")
  public String yaml() throws Exception {
    return Yaml.pretty(document());
  }

  private OpenAPI document() throws OpenApiConfigurationException {
    OpenAPI d = document;
    if (d == null) {
      OpenAPI base = new OpenAPI()
          .info(new Info().title("Crisis and repatriation coordination API").version("v1")
              .description("Consular registry, crises, alerts, repatriation and reintegration. Every endpoint needs HTTP Basic "
                  + "authentication; roles: ADMIN, CRISIS_CELL, CONSULAR_OFFICER, CASEWORKER."))
          .components(new Components().addSecuritySchemes("basic",
              new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
      SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(true)
          .resourceClasses(resources.classes().stream().map(Class::getName).collect(Collectors.toSet()));
      d = new JaxrsOpenApiContextBuilder<>().ctxId("crisis-" + UUID.randomUUID()).openApiConfiguration(config)
          .buildContext(true).read();
      document = d;
    }
    return d;
  }
}
