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
 * the body is chunked. CSV uploads have their own, larger limit, enforced while they are spooled.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeFilter implements ContainerRequestFilter {
  private final long maxJsonBytes;

  public BodySizeFilter(long maxJsonBytes) {
    this.maxJsonBytes = maxJsonBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getPath().endsWith("registrations/import")) {
      return;
    }
    if (request.getLength() > maxJsonBytes) {
      throw tooLarge();
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Limited(request.getEntityStream(), maxJsonBytes));
    }
  }

  private WebApplicationException tooLarge() {
    return new WebApplicationException("the body is larger than the limit of " + maxJsonBytes + " bytes",
        Response.Status.REQUEST_ENTITY_TOO_LARGE);
  }

  private final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw tooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0 && (left -= n) < 0) {
        throw tooLarge();
      }
      return n;
    }
  }
}
