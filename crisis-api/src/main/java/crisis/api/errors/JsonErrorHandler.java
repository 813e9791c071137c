package crisis.api.errors;

import crisis.core.common.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any resource is reached (an ambiguous or undecodable URI, a URI or headers too
 * long, an unknown path outside Jersey), in the same JSON shape as every other error instead of an HTML page. Only
 * Jetty's own fixed reasons are repeated, never anything from the request.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final Pattern FIXED_REASON = Pattern.compile("[A-Za-z][A-Za-z ]{0,79}");
  private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
    Object message = request.getAttribute(ERROR_MESSAGE);
    response.getHeaders().put(JSON);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    response.write(true, ByteBuffer.wrap(body(status, message instanceof String m ? m : null)), callback);
    return true;
  }

  static byte[] body(int status, String reason) {
    String message = reason != null && FIXED_REASON.matcher(reason).matches() ? reason : HttpStatus.getMessage(status);
    if (status >= 500) {
      message = "an unexpected error happened";
    }
    return Json.write(ErrorBody.of(WebErrorMapper.code(status), message)).getBytes(StandardCharsets.UTF_8);
  }
}
