package org.openvpp.finance;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openvpp.units.Money;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a {@link Project} from its YAML project file (docs/finance.md lists every key), strictly:
 * an unknown key, a key given twice, a missing required one, or a value that is not what its key
 * takes is refused with a {@link ProjectFileException} naming the line and the key.
 *
 * <p>The file is read as SnakeYAML's node tree, not as Java objects, so that every key and value
 * keeps its line; numbers are read from their text as exact decimals (never through a double).
 * Rates and shares are fractions ({@code 0.07}) or percentages ({@code 7%}). At most 64 KiB; tags
 * are ignored (a value is read from its text); aliases only to ten collections.
 */
public final class ProjectFile {
  /** The largest project file read, in characters. */
  public static final int MAX_CHARS = 64 * 1024;

  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,2})?");
  private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,9}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal MOST_USD = new BigDecimal("1e12");
  private static final BigDecimal MOST_SIZE = new BigDecimal("1e6");
  private static final String FRACTION = "a fraction (0.07) or a percentage (7%)";

  private ProjectFile() {}

  /**
   * Parses a project file's text.
   *
   * @param source the file's name as the user gave it, for the messages
   * @throws ProjectFileException naming the line and key of what is wrong
   */
  public static Project parse(String text, String source) {
    if (text.length() > MAX_CHARS) {
      throw new ProjectFileException(source, 0, "", "a project file is at most 64 KiB");
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new ProjectFileException(
          source,
          mark == null ? 0 : mark.getLine() + 1,
          "",
          "not valid YAML: "
              + (e.getProblem() == null
                  ? e.getMessage()
                  : (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem()));
    } catch (YAMLException e) {
      throw new ProjectFileException(source, 0, "", "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ProjectFileException(
          source, 0, "", "the file is empty; docs/finance.md shows a project file");
    }
    if (!(root instanceof MappingNode map)) {
      throw new ProjectFileException(
          source,
          line(root),
          "",
          "a project file is a map of keys (years:, fleet:, capital:, …), was " + kind(root));
    }
    Block top =
        new Block(
            source,
            "",
            0,
            map,
            List.of(
                "years",
                "discount_rate",
                "fleet",
                "capital",
                "om",
                "degradation",
                "augmentation",
                "revenue",
                "host",
                "debt",
                "tax"));
    int years = top.whole("years", 1, Project.MAX_YEARS, "the project's life in years", null);
    BigDecimal discountRate = top.fraction("discount_rate", false, null);

    Block f =
        top.block("fleet", List.of("homes", "batteries_per_home", "battery_kwh", "battery_kw"));
    Project.Fleet fleet =
        new Project.Fleet(
            f.whole("homes", 1, 10_000_000, "the number of host homes", null),
            f.whole("batteries_per_home", 1, 100, "the batteries in each home", null),
            f.size("battery_kwh", "kWh"),
            f.size("battery_kw", "kW"));

    Block c = top.block("capital", List.of("per_kwh", "per_kw", "installation_per_home", "fixed"));
    Project.Capital capital =
        new Project.Capital(
            c.money("per_kwh"),
            c.money("per_kw", Money.zero(Money.USD)),
            c.money("installation_per_home", Money.zero(Money.USD)),
            c.money("fixed", Money.zero(Money.USD)));

    Block o = top.block("om", List.of("per_home_year", "escalation"));
    Project.OperatingCost om =
        new Project.OperatingCost(
            o.money("per_home_year"), o.fraction("escalation", false, BigDecimal.ZERO));

    Block d = top.block("degradation", List.of("per_year"));
    BigDecimal degradation = d.fraction("per_year", false, null);

    Optional<Project.Augmentation> augmentation = Optional.empty();
    if (top.has("augmentation")) {
      Block a = top.block("augmentation", List.of("years", "per_kwh"));
      augmentation =
          Optional.of(
              new Project.Augmentation(a.ascendingYears("years", years), a.money("per_kwh")));
    }

    Project.Revenue revenue = new Project.Revenue(Optional.empty(), BigDecimal.ZERO);
    if (top.has("revenue")) {
      Block r = top.block("revenue", List.of("per_battery_year", "escalation"));
      revenue =
          new Project.Revenue(
              r.has("per_battery_year")
                  ? Optional.of(r.money("per_battery_year"))
                  : Optional.empty(),
              r.fraction("escalation", true, BigDecimal.ZERO));
    }

    Block h =
        top.block("host", List.of("lease_per_home_month", "lease_escalation", "revenue_share"));
    Project.HostPayments host;
    if (h.has("lease_per_home_month") && h.has("revenue_share")) {
      throw h.at(
          "revenue_share",
          "give lease_per_home_month or revenue_share, not both (a project pays its hosts one way)");
    } else if (h.has("lease_per_home_month")) {
      host =
          new Project.Lease(
              h.money("lease_per_home_month"),
              h.fraction("lease_escalation", false, BigDecimal.ZERO));
    } else if (h.has("revenue_share")) {
      if (h.has("lease_escalation")) {
        throw h.at("lease_escalation", "only for a lease (lease_per_home_month)");
      }
      host = new Project.RevenueShare(h.fraction("revenue_share", false, null));
    } else {
      throw h.itself(
          "give lease_per_home_month (USD per home and month, for example 55) or revenue_share"
              + " (a fraction of revenue, for example 0.3)");
    }

    Optional<Project.Debt> debt = Optional.empty();
    if (top.has("debt")) {
      Block b = top.block("debt", List.of("share", "rate", "years"));
      debt =
          Optional.of(
              new Project.Debt(
                  b.fraction("share", false, null),
                  b.fraction("rate", false, null),
                  b.whole(
                      "years", 1, years, "years of repayment, at most the project's years", null)));
    }

    Optional<Project.Tax> tax = Optional.empty();
    if (top.has("tax")) {
      Block t = top.block("tax", List.of("rate", "depreciation_years", "losses", "itc"));
      tax =
          Optional.of(
              new Project.Tax(
                  t.fraction("rate", false, null),
                  t.whole(
                      "depreciation_years",
                      1,
                      Project.MAX_YEARS,
                      "years of straight-line depreciation",
                      years),
                  t.losses("losses"),
                  t.fraction("itc", false, BigDecimal.ZERO)));
    }

    try {
      return new Project(
          years,
          discountRate,
          fleet,
          capital,
          om,
          degradation,
          augmentation,
          revenue,
          host,
          debt,
          tax);
    } catch (IllegalArgumentException e) {
      // every rule of Project is checked above with its line; this is a safety net
      throw new ProjectFileException(source, 0, "", String.valueOf(e.getMessage()));
    }
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  private static String kind(Node n) {
    return switch (n) {
      case MappingNode m -> "a map";
      case SequenceNode s -> "a list";
      default -> "a single value";
    };
  }

  /** One map of the file: its keys checked at once, its values read on demand. */
  private static final class Block {
    private final String source;
    private final String name;
    private final int line;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param name the block's key, empty for the top
     * @param line the line of the block's key, 0 for the top
     */
    Block(String source, String name, int line, MappingNode node, List<String> keys) {
      this.source = source;
      this.name = name;
      this.line = line;
      for (NodeTuple t : node.getValue()) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode key)) {
          throw new ProjectFileException(
              source, line(k), name, "a key must be a word, was " + kind(k));
        }
        String word = key.getValue();
        NodeTuple before = entries.get(word);
        if (before != null) {
          throw new ProjectFileException(
              source,
              line(k),
              field(word),
              "given twice (first on line " + line(before.getKeyNode()) + ")");
        }
        if (!keys.contains(word)) {
          throw new ProjectFileException(
              source,
              line(k),
              field(word),
              "unknown key; the keys "
                  + (name.isEmpty() ? "at the top" : "of " + name)
                  + " are "
                  + String.join(", ", keys)
                  + " (docs/finance.md)");
        }
        entries.put(word, t);
      }
    }

    private String field(String key) {
      return name.isEmpty() ? key : name + "." + key;
    }

    boolean has(String key) {
      return entries.containsKey(key);
    }

    ProjectFileException at(String key, String problem) {
      NodeTuple t = entries.get(key);
      return new ProjectFileException(
          source, t == null ? line : line(t.getValueNode()), field(key), problem);
    }

    /** A problem of the block as a whole, at its key's line. */
    ProjectFileException itself(String problem) {
      return new ProjectFileException(source, line, name, problem);
    }

    ProjectFileException missing(String key, String what) {
      return new ProjectFileException(source, line, field(key), "missing; " + what);
    }

    /** A nested map, required. */
    Block block(String key, List<String> keys) {
      NodeTuple t = entries.get(key);
      if (t == null) {
        throw missing(key, "give a map with " + String.join(", ", keys) + " (docs/finance.md)");
      }
      if (!(t.getValueNode() instanceof MappingNode m)) {
        throw at(
            key,
            "must be a map of keys ("
                + String.join(", ", keys)
                + "), was "
                + kind(t.getValueNode()));
      }
      return new Block(source, field(key), line(t.getKeyNode()), m, keys);
    }

    /** The text of a scalar value; {@code what} says what the key takes. */
    private String text(String key, String what) {
      NodeTuple t = entries.get(key);
      if (t == null) {
        throw missing(key, "give " + what);
      }
      Node v = t.getValueNode();
      if (!(v instanceof ScalarNode s)) {
        throw at(key, "must be " + what + ", was " + kind(v));
      }
      if (s.getTag().equals(Tag.NULL)) {
        throw at(key, "has no value; give " + what);
      }
      return s.getValue().strip();
    }

    private Optional<BigDecimal> decimal(String text) {
      String t = text.replace("_", "");
      return DECIMAL.matcher(t).matches() ? Optional.of(new BigDecimal(t)) : Optional.empty();
    }

    /** An amount of USD, at least 0, required. */
    Money money(String key) {
      String what = "a number of USD";
      String text = text(key, what);
      BigDecimal v =
          decimal(text).orElseThrow(() -> at(key, "must be " + what + ", was '" + text + "'"));
      if (v.signum() < 0) {
        throw at(key, "must not be negative, was " + text);
      }
      if (v.compareTo(MOST_USD) > 0) {
        throw at(key, "must be at most 1,000,000,000,000 USD, was " + text);
      }
      return new Money(v, Money.USD);
    }

    /** An amount of USD, at least 0, or {@code otherwise} when the key is absent. */
    Money money(String key, Money otherwise) {
      return has(key) ? money(key) : otherwise;
    }

    /** A size of one battery, more than 0, in {@code unit}. */
    BigDecimal size(String key, String unit) {
      String what = "a number of " + unit + " more than 0";
      String text = text(key, what);
      BigDecimal v =
          decimal(text).orElseThrow(() -> at(key, "must be " + what + ", was '" + text + "'"));
      if (v.signum() <= 0 || v.compareTo(MOST_SIZE) > 0) {
        throw at(key, "must be " + what + " and at most 1,000,000, was " + text);
      }
      return v;
    }

    /**
     * A fraction, from 0 (or from −0.99 when {@code negative}) to 1, written 0.07 or 7%.
     *
     * @param otherwise when the key is absent; {@code null}: the key is required
     */
    BigDecimal fraction(String key, boolean negative, @Nullable BigDecimal otherwise) {
      if (otherwise != null && !has(key)) {
        return otherwise;
      }
      String text = text(key, FRACTION);
      boolean percent = text.endsWith("%");
      String number = percent ? text.substring(0, text.length() - 1).strip() : text;
      BigDecimal v =
          decimal(number)
              .orElseThrow(() -> at(key, "must be " + FRACTION + ", was '" + text + "'"));
      if (percent) {
        v = v.divide(HUNDRED);
      }
      BigDecimal low = negative ? new BigDecimal("-0.99") : BigDecimal.ZERO;
      if (v.compareTo(low) < 0 || v.compareTo(BigDecimal.ONE) > 0) {
        String range =
            negative ? "between -0.99 and 1 (-99% and 100%)" : "between 0 and 1 (0% and 100%)";
        String hint =
            !percent && v.compareTo(BigDecimal.ONE) > 0 && v.compareTo(HUNDRED) <= 0
                ? "; for "
                    + text
                    + " % write "
                    + v.divide(HUNDRED).toPlainString()
                    + " or "
                    + text
                    + "%"
                : "";
        throw at(key, "must be " + range + ", was " + text + hint);
      }
      return v;
    }

    /**
     * A whole number in [min, max].
     *
     * @param otherwise when the key is absent; {@code null}: the key is required
     */
    int whole(String key, int min, int max, String what, @Nullable Integer otherwise) {
      if (otherwise != null && !has(key)) {
        return otherwise;
      }
      return whole(key, text(key, what), min, max, what);
    }

    private int whole(String key, String text, int min, int max, String what) {
      String t = text.replace("_", "");
      if (!WHOLE.matcher(t).matches()) {
        throw at(key, "must be a whole number, was '" + text + "'");
      }
      int v = Integer.parseInt(t);
      if (v < min || v > max) {
        throw at(key, "must be between " + min + " and " + max + " (" + what + "), was " + text);
      }
      return v;
    }

    /** Years from 2 to {@code last}, ascending, each once: a list ({@code [6, 11]}) or one year. */
    List<Integer> ascendingYears(String key, int last) {
      NodeTuple t = entries.get(key);
      if (t == null) {
        throw missing(key, "give the years, for example [6] or [6, 11]");
      }
      if (last < 2) {
        throw at(key, "a project of one year has no year to augment in");
      }
      List<Node> items =
          t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
      List<Integer> years = new ArrayList<>();
      for (Node item : items) {
        if (!(item instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
          throw new ProjectFileException(
              source, line(item), field(key), "must be years, for example [6] or [6, 11]");
        }
        int y = whole(key, s.getValue().strip(), 2, last, "years of the project from the second");
        if (!years.isEmpty() && y <= years.get(years.size() - 1)) {
          throw new ProjectFileException(
              source,
              line(item),
              field(key),
              "must be ascending and each once, was "
                  + y
                  + " after "
                  + years.get(years.size() - 1));
        }
        years.add(y);
      }
      if (years.isEmpty()) {
        throw at(key, "must name at least one year, for example [6]");
      }
      return years;
    }

    /** What a year's loss does, carry_forward when absent. */
    Project.Losses losses(String key) {
      if (!has(key)) {
        return Project.Losses.CARRY_FORWARD;
      }
      List<String> names = new ArrayList<>();
      for (Project.Losses l : Project.Losses.values()) {
        names.add(l.key());
      }
      String what = "one of " + String.join(", ", names);
      String text = text(key, what);
      for (Project.Losses l : Project.Losses.values()) {
        if (l.key().equals(text)) {
          return l;
        }
      }
      throw at(key, "must be " + what + ", was '" + text + "'");
    }
  }
}
