package crisis.api.resources;

import crisis.core.access.Actor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import crisis.core.common.ValidationException;
import crisis.core.registry.importing.ColumnMapping;
import crisis.core.registry.importing.ImportMappings;
import crisis.core.registry.importing.ImportPreview;
import crisis.core.registry.importing.ImportSummary;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.registry.importing.RowOutcome;
import crisis.core.registry.importing.SpooledFile;
import crisis.core.registry.importing.Workbooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk registration from a consulate's CSV file. The file is checked whole (size, UTF-8, header) before anything is
 * written: those problems are a 4xx. Then every row is imported on its own and reported, streamed as it goes:
 * {@code {"rows": [...], "summary": {...}}}.
 */
@Path("/api/v1/registrations/import")
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class ImportResource {
  private static final Logger LOG = LoggerFactory.getLogger(ImportResource.class);
  private final RegistrationImporter importer;
  private final ImportMappings mappings;
  private final ObjectMapper mapper;
  private final long maxBytes;

  public ImportResource(RegistrationImporter importer, ImportMappings mappings, ObjectMapper mapper, long maxBytes) {
    this.importer = importer;
    this.mappings = mappings;
    this.mapper = mapper;
    this.maxBytes = maxBytes;
  }

  @POST
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Workbooks.MEDIA_TYPE})
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Import registrations from CSV",
      description = "CSV with a header row, separated by commas, semicolons or tabs (found from the header); in "
          + "UTF-8, or the charset a byte order mark gives (UTF-8, UTF-16) or the Content-Type declares ("
          + "windows-1252, ISO-8859-1, windows-1256, UTF-16LE/BE); the columns by the format's names or the French, "
          + "Arabic and English names consulates use (docs/csv-format.md). The summary's 'format' says how the file "
          + "was read. An Excel workbook (.xlsx, by its media type or its content) is read too: the first sheet or "
          + "the one named in 'sheet'. Headers the import does not know are read with a column mapping the consulate "
          + "keeps ('mapping'). Each row is CREATED, "
          + "UPDATED (same consulate and external_id), UNCHANGED, DUPLICATE (naming the existing record) or "
          + "REJECTED (with line, column and reason). Valid rows are written, invalid ones are not; importing the "
          + "same file twice changes nothing the second time.")
  public StreamingOutput importCsv(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "all (default): every row; problems: only DUPLICATE and REJECTED rows")
      @QueryParam("report") @DefaultValue("all") String report,
      @Parameter(description = "the original file name, kept with the import run")
      @HeaderParam("X-File-Name") String fileName,
      @Parameter(description = "for an Excel workbook, the sheet to read (default: the first)")
      @QueryParam("sheet") String sheet,
      @Parameter(description = "the name of a column mapping the consulate keeps (/registrations/import/mappings): "
          + "what the headers the import does not know are")
      @QueryParam("mapping") String mapping,
      @Parameter(description = "the consulate whose mapping it is (default: an officer's own)")
      @QueryParam("consulate") String consulate,
      @Parameter(hidden = true) @Context jakarta.ws.rs.core.HttpHeaders headers,
      InputStream body) {
    boolean problemsOnly = switch (report) {
      case "all" -> false;
      case "problems" -> true;
      default -> throw new ValidationException("report", "must be 'all' or 'problems'");
    };
    ColumnMapping columns = mapping(actor, consulate, mapping);
    SpooledFile file = spool(headers, sheet, body);
    RegistrationImporter.ImportJob job = open(actor, file, fileName == null ? null : fileName.strip(), columns);
    return out -> {
      try (file; JsonGenerator g = mapper.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("rows");
        ImportSummary summary;
        try {
          summary = job.run(o -> {
            if (!problemsOnly || o.status() == RowOutcome.Status.REJECTED
                || o.status() == RowOutcome.Status.DUPLICATE) {
              try {
                mapper.writeValue(g, o);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
        } catch (RuntimeException e) {
          String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
          LOG.error("import failed, error {}", id, crisis.core.common.ErrorFacts.redacted(e));
          g.writeEndArray();
          g.writeObjectFieldStart("failure");
          g.writeStringField("error", "internal");
          g.writeStringField("message", "the import stopped on an unexpected error; rows reported above were "
              + "handled; quote id " + id);
          g.writeEndObject();
          g.writeEndObject();
          return;
        }
        g.writeEndArray();
        g.writeObjectField("summary", summary);
        g.writeEndObject();
      }
    };
  }

  @POST
  @Path("/preview")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Workbooks.MEDIA_TYPE})
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "What importing a file would do, nothing written",
      description = "The same file and parameters as the import: how it was read ('format'), its rows, how many "
          + "would be taken and refused, the first rows as read (by the format's columns) or why they would be "
          + "refused, and the problems of the whole file by column and reason code, with counts and first lines. "
          + "Duplicates are found by the import only. When headers are unknown or required columns missing, no row "
          + "is checked: 'unmapped' and 'missing' say which, and 'mappings' the consulate's mappings that name every "
          + "unmapped header.")
  public ImportPreview preview(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "how many first rows to show, 0 to 50 (default 10)")
      @QueryParam("sample") @DefaultValue("10") String sample,
      @Parameter(description = "for an Excel workbook, the sheet to read (default: the first)")
      @QueryParam("sheet") String sheet,
      @Parameter(description = "the name of a column mapping the consulate keeps (/registrations/import/mappings): "
          + "what the headers the import does not know are")
      @QueryParam("mapping") String mapping,
      @Parameter(description = "the consulate whose mapping it is (default: an officer's own)")
      @QueryParam("consulate") String consulate,
      @Parameter(hidden = true) @Context jakarta.ws.rs.core.HttpHeaders headers,
      InputStream body) {
    int n = Params.integer("sample", sample);
    if (n < 0 || n > 50) {
      throw new ValidationException("sample", "must be between 0 and 50");
    }
    ColumnMapping columns = mapping(actor, consulate, mapping);
    // The consulate's mappings, asked for only when the file's headers need one: the officer is spared mapping again.
    boolean known = (consulate != null && !consulate.isBlank()) || actor.consulateScope() != null;
    try (SpooledFile file = spool(headers, sheet, body)) {
      return importer.preview(actor, file, columns, n, () -> known ? mappings.list(actor, consulate) : List.of());
    }
  }

  @POST
  @Path("/refused")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Workbooks.MEDIA_TYPE})
  // The workbook when the file is read; a refusal of the file itself in JSON, as every error.
  @Produces({Workbooks.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "The rows importing a file would refuse, as an Excel workbook to fix and send again",
      description = "The same file and parameters as the import; nothing written. The file's header and cells of "
          + "each row the import would refuse, then its reasons ('column: reason; ...') and its line. Duplicates are "
          + "found by the import only.")
  public Response refused(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "for an Excel workbook, the sheet to read (default: the first)")
      @QueryParam("sheet") String sheet,
      @Parameter(description = "the name of a column mapping the consulate keeps (/registrations/import/mappings): "
          + "what the headers the import does not know are")
      @QueryParam("mapping") String mapping,
      @Parameter(description = "the consulate whose mapping it is (default: an officer's own)")
      @QueryParam("consulate") String consulate,
      @Parameter(hidden = true) @Context jakarta.ws.rs.core.HttpHeaders headers,
      InputStream body) {
    ColumnMapping columns = mapping(actor, consulate, mapping);
    SpooledFile file = spool(headers, sheet, body);
    RegistrationImporter.ImportJob job = open(actor, file, null, columns);
    StreamingOutput out = stream -> {
      try (file) {
        job.refused(stream);
      }
    };
    return Response.ok(out, Workbooks.MEDIA_TYPE)
        .header("Content-Disposition", "attachment; filename=\"refused-rows.xlsx\"").build();
  }

  /** The import of a spooled file opened (the actor and header checked); the file deleted when it is refused. */
  private RegistrationImporter.ImportJob open(Actor actor, SpooledFile file, String fileName,
      ColumnMapping columns) {
    try {
      return importer.open(actor, file, fileName, columns);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** The consulate's column mapping named, or null when none is. */
  private ColumnMapping mapping(Actor actor, String consulate, String name) {
    return name == null || name.isBlank() ? null : mappings.find(actor, consulate, name);
  }

  /** The upload spooled: a workbook by its media type or its first bytes (a zip's: a CSV never starts so), else CSV. */
  private SpooledFile spool(jakarta.ws.rs.core.HttpHeaders headers, String sheet, InputStream body) {
    MediaType type = headers.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    java.io.PushbackInputStream in = new java.io.PushbackInputStream(body, 4);
    try {
      byte[] head = in.readNBytes(4);
      in.unread(head);
      boolean workbook = (type != null && Workbooks.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype()))
          || Workbooks.looksLikeOne(head);
      return workbook ? SpooledFile.spoolWorkbook(in, maxBytes, sheet) : SpooledFile.spool(in, maxBytes, charset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload", e);
    }
  }
}
