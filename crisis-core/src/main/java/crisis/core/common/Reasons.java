package crisis.core.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of the reasons the API gives for refusing an input, each known by a stable code and its parameters, so
 * that a client (the console) says them in its user's language without reading English. A reason is written where the
 * rule is, as an English sentence a script's author reads; its code and parameters are what this catalogue finds in
 * the sentence: each entry is the shape of the sentences of one kind, what it captures being the parameters (whole
 * numbers as numbers, the rest as text: names, codes, values). A sentence of no known shape has no code: a client
 * shows it as it is, in English. Codes are part of the API: one is never reused for another meaning; the console has
 * a translation of each ({@code ReasonsTest} checks it). Thread-safe.
 */
public final class Reasons {
  private Reasons() {}

  /** A reason's code and parameters; {@link #NONE} when its sentence has no known shape. */
  public record Coded(String code, List<Object> params) {}

  public static final Coded NONE = new Coded(null, List.of());

  private record Shape(String code, Pattern pattern) {}

  private static final List<Shape> SHAPES = new ArrayList<>();

  private static void shape(String code, String regex) {
    SHAPES.add(new Shape(code, Pattern.compile(regex)));
  }

  // The most specific first: the first shape a sentence has gives its code.
  static {
    shape("requiredAtMost", "^is required, (?:at most|up to) ([\\d,]+) (?:printable )?characters(?:[:(].*)?$");
    shape("required", "^(?:is|are) required(?:[:(, ].*)?$");
    shape("atMost", "^(?:must be )?at most ([\\d,]+) (?:printable )?characters(?:, was [\\d,]+)?$");
    shape("atMost", "^is longer than ([\\d,]+) characters$");
    shape("atMost", "^is at most ([\\d,]+) characters$");
    shape("atMost", "^must be at most ([\\d,]+) printable characters$");
    shape("atMost", "^must be a text of at most ([\\d,]+) characters$");
    shape("atMost", "^is longer than an SMS can be \\(([\\d,]+) characters\\)$");
    shape("oneLine", "^must be on one line$");
    shape("controlCharacter", "^contains a control character \\((U\\+[0-9A-F]+)\\).*$");
    shape("phoneInternational", "^must be in international form starting with \\+ and the country code, e\\.g\\. "
        + "(\\+\\d+)$");
    shape("phoneInvalid", "^is not a valid number for its country code$");
    shape("phoneNot", "^is not a phone number \\(.+\\)$");
    shape("phoneTooLong", "^is too long to be a phone number$");
    shape("phoneNotMobile", "^must be a mobile number able to receive SMS \\(this one is (.+)\\)$");
    shape("email", "^is not an e-mail address$");
    shape("nameStart", "^must start with a letter$");
    shape("nameCharacters", "^may contain only letters, spaces, dashes, apostrophes and dots$");
    shape("notUtf8", "^is not valid UTF-8: bad byte at offset (\\d+) \\(line (\\d+)\\); save the file as UTF-8 or say its "
        + "encoding \\(charset\\)$");
    shape("notUtf8End", "^is not valid UTF-8: it ends in the middle of a character$");
    shape("notCharset", "^is not valid (\\S+): bad byte at offset (\\d+) \\(line (\\d+)\\)$");
    shape("notCharsetEnd", "^is not valid (\\S+): it ends in the middle of a character$");
    shape("oneOf", "^must be one of (.+)$");
    shape("noSheet", "^no sheet '(.+)'; the sheets are: (.+)$");
    shape("notWorkbook", "^is not an Excel workbook \\(\\.xlsx\\) this system reads$");
    shape("zipBomb", "^is a workbook whose parts expand too much to be a register \\(a zip bomb\\?\\)$");
    shape("workbookPart", "^is a workbook with a part larger than ([\\d,]+) bytes$");
    shape("workbookRows", "^is a workbook with more than ([\\d,]+) rows$");
    shape("workbookColumns", "^is a workbook with more than ([\\d,]+) columns$");
    shape("empty", "^is empty$");
    shape("noHeader", "^has no header row$");
    shape("tooLarge", "^is larger than the limit of ([\\d,]+) bytes$");
    shape("unknownColumns", "^unknown columns (.+); the columns are: (.+)$");
    shape("missingColumns", "^missing columns \\[(.+)\\]$");
    shape("columnTwice", "^column '(.+)' appears twice in the header$");
    shape("mappingSize", "^must map 1 to ([\\d,]+) headers$");
    shape("mappingHeader", "^must be a header of at most ([\\d,]+) printable characters, with letters or digits$");
    shape("sameHeader", "^is the same header as '(.+)'$");
    shape("mappingColumn", "^must be a column of the format or 'ignore', not '(.*)'$");
    shape("mappingColumnTwice", "^goes to column '(.+)' as '(.+)' does already$");
    shape("notCsv", "^cannot be read as CSV: .*$");
    shape("cellCount", "^has (\\d+) cells where the header has (\\d+)$");
    shape("notDate", "^'(.*)' is not a date \\(YYYY-MM-DD(?: or DD/MM/YYYY)?\\)$");
    shape("notDecimal", "^'(.*)' is not a decimal number$");
    shape("noConsulate", "^no consulate '(.+)'$");
    shape("inFuture", "^is in the future$");
    shape("inPast", "^is in the past$");
    shape("countryCode", "^(?:must be|is not) an ISO 3166-1 alpha-2 country code$");
    shape("outsideJurisdiction", "^is outside your consulate's jurisdiction$");
    shape("twice", "^(?:is listed twice|appears twice in the batch)$");
    shape("zoneMissing", "^give at least one zone$");
    shape("region", "^must be one of the kingdom's regions, MA\\.01 to MA\\.12$");
    shape("timeZone", "^must be an IANA time zone such as .+$");
    shape("localTime", "^must be a local time HH:mm$");
    shape("notNumber", "^must be a (?:whole |decimal )?number$");
    shape("unknownField", "^is not a known field$");
    shape("boardsTogether", "^the household boards together$");
    shape("needsLaissezPasser", "^(.+) needs a laissez-passer before boarding$");
    shape("gateOfficerOnly", "^only the crisis cell or the leg's gate officer(?: \\((.+)\\))? can close its gate, or "
        + "mark it departed or arrived$");
    shape("notCheckedIn", "^(.+) is not checked in$");
    shape("noSuchCode", "^no household has boarding code (.+)$");
    shape("codeOtherLeg", "^boarding code (.+) is for another leg$");
    shape("noSeat", "^nobody with this (?:traveller id|document number) has a seat on this leg$");
    shape("legState", "^leg (?:.+ )?is (PLANNED|BOARDING|DEPARTED|ARRIVED|CANCELLED)$");
    shape("takenBy", "^assistance request \\S+ is taken by (.+)$");
    shape("requestClosed", "^assistance request \\S+ is closed(?: already)?$");
    shape("textMissing", "^give the text in at least one language.*$");
    shape("radiusRange", "^must be more than 0 and at most (\\d+)$");
    shape("repaired", "^(.+) near longitude (-?[\\d.]+), latitude (-?[\\d.]+); repaired into (\\d+) areas? \\(check "
        + "the zone before sending\\)$");
    shape("noArea", "^has no area \\(all its points are on one line\\)(?:; left out)?$");
    shape("staleVersion", "^(?:the )?(?:registration|request|case|need \\S+|case \\S+) is at version (\\d+), not "
        + "(\\d+): read (?:it|the case) again(?: and reapply the change)?$");
    shape("changedMeanwhile", "^the registration changed while it was being updated$");
    shape("crisisClosed", "^the crisis is (?:already )?closed$");
  }

  /**
   * The reasons already read, so that a sentence is matched against the shapes once (a report of a large import
   * names the same few sentences row after row, and JSON asks for a reason's code and its parameters apart); at most
   * {@value #KEPT} of them, the rest read each time.
   */
  private static final int KEPT = 10_000;
  private static final java.util.Map<String, Coded> READ = new java.util.concurrent.ConcurrentHashMap<>();

  /** The code and parameters of a reason, or {@link #NONE}. */
  public static Coded of(String reason) {
    if (reason == null) {
      return NONE;
    }
    Coded known = READ.get(reason);
    if (known != null) {
      return known;
    }
    Coded coded = match(reason);
    if (READ.size() < KEPT) {
      READ.put(reason, coded);
    }
    return coded;
  }

  private static Coded match(String reason) {
    for (Shape s : SHAPES) {
      Matcher m = s.pattern().matcher(reason);
      if (m.matches()) {
        List<Object> params = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          params.add(param(m.group(i)));
        }
        return new Coded(s.code(), java.util.Collections.unmodifiableList(params));
      }
    }
    return NONE;
  }

  /** Every code of the catalogue, each once. */
  public static List<String> codes() {
    return SHAPES.stream().map(Shape::code).distinct().toList();
  }

  private static Object param(String value) {
    if (value == null) {
      return null;
    }
    if (value.matches("\\d{1,3}(,?\\d{3})*") && value.length() <= 18) {
      return Long.parseLong(value.replace(",", ""));
    }
    return value;
  }
}
