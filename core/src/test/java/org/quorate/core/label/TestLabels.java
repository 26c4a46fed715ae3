package org.quorate.core.label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact label notation for tables: {@code "SECRET | Releasable To:P:NATO,JPN | Additional
 * Sensitivity:R:ATOMAL"} (policy NATO; P, R, I for the category type).
 */
final class TestLabels {
  private TestLabels() {}

  static ConfidentialityLabel nato(String spec) {
    String[] parts = spec.split("\\|");
    List<SecurityCategory> cats = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String[] f = parts[i].strip().split(":");
      CategoryType t =
          switch (f[1]) {
            case "P" -> CategoryType.PERMISSIVE;
            case "R" -> CategoryType.RESTRICTIVE;
            default -> CategoryType.INFORMATIVE;
          };
      cats.add(new SecurityCategory(f[0], t, Arrays.asList(f[2].split(","))));
    }
    return new ConfidentialityLabel("NATO", parts[0].strip(), cats);
  }
}
