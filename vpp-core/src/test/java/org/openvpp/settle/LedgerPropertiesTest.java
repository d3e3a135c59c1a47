package org.openvpp.settle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.check.Size;
import org.openvpp.program.Fixtures;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;

/** Ledger invariants and money exactness, over random ledgers built from a seed. */
class LedgerPropertiesTest {
  private static final Instant T = Instant.parse("2026-07-01T00:00:00Z");
  private static final List<Account.Kind> KINDS = List.of(Account.Kind.values());
  private static final List<LineKind> LINES = List.of(LineKind.values());
  private static final Interval ALL = new Interval(Instant.MIN, Instant.MAX);

  /** A random balanced transaction over accounts a0..a5 of random kinds. */
  private static Transaction random(Random r, String id) {
    int n = 2 + r.nextInt(5);
    List<Posting> p = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < n - 1; i++) {
      long cents = (r.nextBoolean() ? 1 : -1) * (1 + (long) r.nextInt(1_000_000));
      sum += cents;
      p.add(posting(r, cents));
    }
    if (sum == 0) {
      p.add(posting(r, 1));
      p.add(posting(r, -1));
    } else {
      p.add(posting(r, -sum));
    }
    return Transaction.of(id, T.plusSeconds(r.nextInt(86_400 * 60)), "random", p);
  }

  private static Posting posting(Random r, long cents) {
    Account a = new Account(KINDS.get(r.nextInt(KINDS.size())), "o" + r.nextInt(6));
    return new Posting(
        a,
        Money.usd(BigDecimal.valueOf(cents, 2).toPlainString()),
        LINES.get(r.nextInt(LINES.size())),
        "ref");
  }

  private static List<Account> accounts(Ledger l) {
    TreeSet<Account> s = new TreeSet<>();
    for (Transaction t : l.transactions()) {
      for (Posting p : t.postings()) {
        s.add(p.account());
      }
    }
    return new ArrayList<>(s);
  }

  @Property(tries = 200)
  void aBrokenTransactionIsRefusedWithItsReasonAndTheLedgerIsUnchanged(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int count) {
    Random r = new Random(seed);
    Ledger ledger = Ledger.inMemory(Money.USD);
    for (int i = 0; i < count; i++) {
      ledger.post(random(r, "t" + i));
    }
    List<Transaction> before = List.copyOf(ledger.transactions());
    Money total = ledger.total();
    List<Posting> good = random(r, "x").postings();
    // off by a cent: unbalanced
    List<Posting> off = new ArrayList<>(good);
    Posting last = off.removeLast();
    off.add(
        new Posting(
            last.account(), last.amount().plus(Money.usd("0.01")), last.kind(), last.reference()));
    assertThatThrownBy(() -> Transaction.of("bad", T, "off by a cent", off))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.reason()).isEqualTo(LedgerException.Reason.UNBALANCED));
    // one posting alone
    assertThatThrownBy(() -> Transaction.of("bad", T, "alone", List.of(good.getFirst())))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.reason()).isEqualTo(LedgerException.Reason.UNBALANCED));
    // finer than a cent
    assertThatThrownBy(
            () ->
                new Posting(
                    good.getFirst().account(), Money.usd("0.001"), good.getFirst().kind(), "ref"))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.reason()).isEqualTo(LedgerException.Reason.NOT_IN_MINOR_UNITS));
    // an id already posted
    Transaction again = Transaction.of("t0", T, "again", good);
    assertThatThrownBy(() -> ledger.post(again))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.reason()).isEqualTo(LedgerException.Reason.DUPLICATE));
    assertThat(ledger.transactions()).isEqualTo(before);
    assertThat(ledger.total()).isEqualTo(total);
  }

  @Property(tries = 200)
  void everyTransactionSumsToZeroAndBalancesAreTheSumsOfTheirEntries(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int count) {
    Random r = new Random(seed);
    Ledger ledger = Ledger.inMemory(Money.USD);
    for (int i = 0; i < count; i++) {
      ledger.post(random(r, "t" + i));
    }
    Money zero = Money.zero(Money.USD);
    for (Transaction t : ledger.transactions()) {
      Money sum = zero;
      for (Posting p : t.postings()) {
        sum = sum.plus(p.amount());
      }
      assertThat(sum.isZero()).isTrue();
    }
    Money all = zero;
    for (Account a : accounts(ledger)) {
      Money sum = zero;
      for (Entry e : ledger.entries(a, ALL)) {
        sum = sum.plus(e.amount());
      }
      assertThat(ledger.balance(a)).isEqualTo(sum);
      all = all.plus(sum);
    }
    assertThat(all.isZero()).isTrue();
    assertThat(ledger.total().isZero()).isTrue();
  }

  @Property(tries = 200)
  void reversingAnySubsetRestoresTheBalancesOfTheLedgerWithoutIt(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int count) {
    Random r = new Random(seed);
    Ledger full = Ledger.inMemory(Money.USD);
    Ledger kept = Ledger.inMemory(Money.USD);
    List<String> reversed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Transaction t = random(r, "t" + i);
      full.post(t);
      if (r.nextInt(3) == 0) {
        reversed.add(t.id());
      } else {
        kept.post(t);
      }
    }
    for (String id : reversed) {
      full.reverse(id, id + "-r", T, "correction");
    }
    for (Account a : accounts(full)) {
      assertThat(full.balance(a)).as("%s", a).isEqualTo(kept.balance(a));
    }
    assertThat(full.transactions()).hasSize(count + reversed.size());
  }

  @Property(tries = 300)
  void aSplitIsExactAndEachPartWithinOneCentOfItsShare(
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long total,
      @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 10_000_000) Long> ws) {
    long[] w = ws.stream().mapToLong(Long::longValue).toArray();
    long sum = ws.stream().mapToLong(Long::longValue).sum();
    if (sum == 0) {
      w[0] = 1;
      sum = 1;
    }
    long[] parts = Allocation.split(total, w);
    BigInteger got = BigInteger.ZERO;
    for (int i = 0; i < w.length; i++) {
      BigDecimal exact =
          new BigDecimal(BigInteger.valueOf(total).multiply(BigInteger.valueOf(w[i])))
              .divide(BigDecimal.valueOf(sum), 6, java.math.RoundingMode.HALF_EVEN);
      assertThat(BigDecimal.valueOf(parts[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
      got = got.add(BigInteger.valueOf(parts[i]));
    }
    assertThat(got).isEqualTo(BigInteger.valueOf(total));
  }

  @Property(tries = 20)
  void theLargeSplitPathGivesTheSameCentsAsTheSmallOne(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 5_000 + r.nextInt(3_000);
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(20_000);
    }
    w[0] = 1;
    long total = r.nextInt(100_000_000);
    long[] big = Allocation.split(total, w);
    // the same rule written out: floors, then one cent each to the largest remainders, lower
    // index first among ties
    long sum = java.util.Arrays.stream(w).sum();
    long[] parts = new long[n];
    long given = 0;
    Integer[] order = new Integer[n];
    long[] rem = new long[n];
    for (int i = 0; i < n; i++) {
      parts[i] = total * w[i] / sum;
      rem[i] = total * w[i] % sum;
      given += parts[i];
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : a - b);
    for (int k = 0; k < total - given; k++) {
      parts[order[k]]++;
    }
    assertThat(big).isEqualTo(parts);
  }

  @Property(tries = 100)
  void theFleetFormPaysEverySiteWhatThePerSiteFormPays(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
    Random r = new Random(seed);
    String[] customers = new String[n];
    double[] kwh = new double[n];
    boolean[] out = new boolean[n];
    List<Participation> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      customers[i] = String.format(java.util.Locale.ROOT, "c%04d", i);
      kwh[i] = -2 + 12 * r.nextDouble();
      out[i] = r.nextInt(5) == 0;
      ps.add(new Participation(Perf.delivered("s" + i, "ev", kwh[i]), customers[i], out[i]));
    }
    Money revenue = Money.usd(BigDecimal.valueOf(r.nextInt(1_000_000), 2).toPlainString());
    Ledger perSite = Ledger.inMemory(Money.USD);
    Ledger fleet = Ledger.inMemory(Money.USD);
    EventSettlement s = EventSettlement.settle(Fixtures.byo(), "ev", "u", revenue, ps, T, perSite);
    FleetSettlement f =
        FleetSettlement.settle(Fixtures.byo(), "ev", "u", revenue, customers, kwh, out, T, fleet);
    assertThat(f.paid()).isEqualTo(s.paid());
    Map<Account, Money> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      SiteEarnings e = s.sites().get(i);
      assertThat(f.totalMinor(i)).isEqualTo(EventSettlement.minor(e.total()));
      Account a = Account.participant(customers[i]);
      seen.put(a, perSite.balance(a));
      assertThat(fleet.balance(a)).isEqualTo(perSite.balance(a));
    }
    assertThat(fleet.balance(Account.expense("byo")))
        .isEqualTo(perSite.balance(Account.expense("byo")));
    assertThat(fleet.total().isZero()).isTrue();
    assertThat(seen).hasSize(n);
    // the pool is shared out to the cent whenever someone earned
    long pool = EventSettlement.minor(revenue.times(new BigDecimal("0.5")).rounded());
    long shared = 0;
    for (int i = 0; i < n; i++) {
      shared += f.shareMinor(i);
    }
    boolean anyone = false;
    for (int i = 0; i < n; i++) {
      anyone |= f.settledWh(i) > 0;
    }
    assertThat(shared).isEqualTo(anyone ? pool : 0);
  }

  @Property(tries = 100)
  void aBatchGivesTheBalancesOfTheSameOrdinaryTransaction(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int n) {
    Random r = new Random(seed);
    String[] owners = new String[n];
    long[] cents = new long[n];
    List<Posting> postings = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      owners[i] = String.format(java.util.Locale.ROOT, "c%03d", i);
      cents[i] = r.nextInt(200_001) - 100_000L;
      sum += cents[i];
      if (cents[i] != 0) {
        postings.add(
            new Posting(
                Account.participant(owners[i]),
                Money.usd(BigDecimal.valueOf(cents[i], 2).toPlainString()),
                LineKind.ENERGY,
                "ev"));
      }
    }
    Account counter = Account.expense("p");
    Ledger a = Ledger.inMemory(Money.USD);
    Ledger b = Ledger.inMemory(Money.USD);
    a.post(
        new BatchTransaction(
            "b",
            T,
            "",
            Money.USD,
            LineKind.ENERGY,
            "ev",
            Account.Kind.PARTICIPANT,
            owners,
            cents,
            counter,
            Optional.empty()));
    if (sum != 0) {
      postings.add(
          new Posting(
              counter,
              Money.usd(BigDecimal.valueOf(-sum, 2).toPlainString()),
              LineKind.ENERGY,
              "ev"));
    }
    if (postings.size() >= 2) {
      b.post(Transaction.of("b", T, "", postings));
    }
    for (int i = 0; i < n; i++) {
      Account acc = Account.participant(owners[i]);
      assertThat(a.balance(acc)).isEqualTo(b.balance(acc));
    }
    assertThat(a.balance(counter)).isEqualTo(b.balance(counter));
    assertThat(a.total().isZero()).isTrue();
  }
}
