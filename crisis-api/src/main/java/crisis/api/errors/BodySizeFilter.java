package crisis.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the limit with 413 before they are read: by Content-Length when given, and by counting when
 * the body is chunked. Requests that carry zones (a zone search, a crisis, a crisis's zones) have their own, larger
 * limit; CSV uploads theirs, enforced while they are spooled.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeFilter implements ContainerRequestFilter {
  /** Paths (below the root, without the leading slash) whose bodies carry zones. */
  private static final java.util.regex.Pattern ZONES = java.util.regex.Pattern.compile(
      "api/v1/registrations/search|api/v1/crises|api/v1/crises/[^/]+/zones");

  private final long maxJsonBytes;
  private final long maxZoneBytes;

  public BodySizeFilter(long maxJsonBytes, long maxZoneBytes) {
    this.maxJsonBytes = maxJsonBytes;
    this.maxZoneBytes = maxZoneBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.endsWith("registrations/import") || path.endsWith("registrations/import/preview")
        || path.endsWith("registrations/import/refused")) {
      // A file, bounded by the import's own limit (the configuration's import size), checked as it is spooled.
      return;
    }
    long limit = ZONES.matcher(path.startsWith("/") ? path.substring(1) : path).matches() ? maxZoneBytes
        : maxJsonBytes;
    if (request.getLength() > limit) {
      throw tooLarge(limit);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Limited(request.getEntityStream(), limit));
    }
  }

  private static WebApplicationException tooLarge(long limit) {
    return new WebApplicationException("the body is larger than the limit of " + limit + " bytes",
        Response.Status.REQUEST_ENTITY_TOO_LARGE);
  }

  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw tooLarge(limit);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (left -= n) < 0) {
        throw tooLarge(limit);
      }
      return n;
    }
  }
}
