package org.quorate.core.quorum;

import java.math.BigInteger;

/**
 * A fraction {@code p/q} of a quorum policy (SPEC §3: {@code "fraction":"2/3"}, {@code
 * "minReachable":"3/4"}), with {@code 0 < p <= q <= 1_000_000}.
 *
 * @param numerator p, at least 1
 * @param denominator q, at least p, at most {@link #MAX_DENOMINATOR}
 */
public record Fraction(long numerator, long denominator) {

  /** Largest denominator accepted; caps what a genesis or governance action can declare. */
  public static final long MAX_DENOMINATOR = 1_000_000L;

  /** One (unanimity). */
  public static final Fraction ONE = new Fraction(1, 1);

  /**
   * @throws IllegalArgumentException unless {@code 0 < numerator <= denominator <= MAX_DENOMINATOR}
   */
  public Fraction {
    if (numerator < 1 || denominator < numerator || denominator > MAX_DENOMINATOR) {
      throw new IllegalArgumentException(
          "fraction must satisfy 0 < p <= q <= "
              + MAX_DENOMINATOR
              + ", got "
              + numerator
              + "/"
              + denominator);
    }
  }

  /**
   * Parses the wire form {@code "p/q"} (decimal digits only, no sign, no spaces).
   *
   * @param text the fraction as declared, e.g. {@code "2/3"}
   * @return the fraction
   * @throws IllegalArgumentException when the text is not {@code p/q} with {@code 0 < p <= q}
   */
  public static Fraction parse(String text) {
    if (text == null || text.length() > 16 || !text.matches("[0-9]{1,7}/[0-9]{1,7}")) {
      throw new IllegalArgumentException("fraction must be \"p/q\" in digits, got " + text);
    }
    int slash = text.indexOf('/');
    return new Fraction(
        Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
  }

  /**
   * ⌈(p/q)·x⌉, computed exactly.
   *
   * @param x a non-negative count or total weight
   * @return the smallest integer not below {@code p·x/q}
   */
  public long ceilOf(long x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative quantity " + x);
    }
    BigInteger[] qr =
        BigInteger.valueOf(numerator)
            .multiply(BigInteger.valueOf(x))
            .divideAndRemainder(BigInteger.valueOf(denominator));
    return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
  }

  /** The wire form {@code "p/q"}. */
  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
