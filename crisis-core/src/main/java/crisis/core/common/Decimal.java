package crisis.core.common;

import java.util.regex.Pattern;

/**
 * A decimal number as people and spreadsheets write it: {@code 48.8566}, {@code -2}, {@code .5}, {@code 1E-05}.
 * Java's own reader also takes {@code 0x1p5}, {@code NaN}, {@code Infinity} and a trailing {@code d} or {@code f}:
 * none of them is a coordinate a consulate meant.
 */
public final class Decimal {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][+-]?\\d{1,3})?");

  private Decimal() {}

  /** The finite number {@code s} holds (surrounding spaces allowed). */
  public static double parse(String s) {
    String t = s == null ? "" : s.strip();
    if (!DECIMAL.matcher(t).matches()) {
      throw new NumberFormatException("not a decimal number");
    }
    double d = Double.parseDouble(t);
    if (!Double.isFinite(d)) {
      throw new NumberFormatException("not a finite number");
    }
    return d;
  }
}
