package org.openvpp.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.openvpp.settle.Account;
import org.openvpp.settle.BatchTransaction;
import org.openvpp.settle.LedgerStore;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.units.Money;

/**
 * {@link LedgerStore} in four insert-only tables (db/migration/common/V2__ledger.sql): transactions
 * and their postings, batches and their lines, every amount in whole minor units (cents) as BIGINT.
 *
 * <p><b>Design note.</b> Nothing here updates or deletes, and the schema refuses both (triggers,
 * V4). Each append is one transaction, so a transaction or batch is in the database whole or not at
 * all. A batch's lines go in with one COPY on PostgreSQL (not a statement per line) and a JDBC
 * batch on H2; its counter amount is stored and checked against the lines when read back, so a
 * damaged batch is reported, not silently rebalanced. Reads go in append order ({@code seq}). The
 * {@code Ledger} above it checks ids and currency; ids are also primary keys, so a duplicate is
 * refused here too.
 *
 * <p>The ledger reads every transaction and batch for each balance and statement, so the store
 * keeps what it has read and appended in memory (write-through, loaded on the first read of all):
 * the tables are append-only, so the copy can only fall behind, never disagree, and only by what
 * another process appended since; run one writer per database (the VPP), and open a new store to
 * see others' appends. Inside a unit of work ({@link Database#atomically}) that rolls back, the
 * copy is dropped and read again. Not thread-safe: confine it to one thread, as the ledger is.
 */
public final class SqlLedgerStore implements LedgerStore {
  private final Database db;
  private @Nullable List<Transaction> transactions;
  private @Nullable List<BatchTransaction> batches;

  private SqlLedgerStore(Database db) {
    this.db = db;
  }

  public static SqlLedgerStore in(Database db) {
    return new SqlLedgerStore(db);
  }

  @Override
  public void append(Transaction t) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO ledger_transaction (id, at, memo, currency, reverses)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            new Sql.Binder(ps, 1)
                .string(t.id())
                .time(t.at(), "transaction " + t.id())
                .string(t.memo())
                .string(t.currency().getCurrencyCode())
                .string(t.reverses());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO ledger_posting (transaction_id, pos, account_kind, account_owner,"
                      + " amount_minor, line_kind, reference) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pos = 0;
            for (Posting p : t.postings()) {
              new Sql.Binder(ps, 1)
                  .string(t.id())
                  .number(pos++)
                  .string(p.account().kind().name())
                  .string(p.account().owner())
                  .number(minor(p.amount()))
                  .string(p.kind().name())
                  .string(p.reference());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
    if (transactions != null) {
      transactions.add(t);
    }
    db.onRollback(this::forget);
  }

  @Override
  public void append(BatchTransaction b) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO ledger_batch (id, at, memo, currency, line_kind, reference,"
                      + " lines_kind, counter_kind, counter_owner, counter_minor, line_count,"
                      + " reverses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            new Sql.Binder(ps, 1)
                .string(b.id())
                .time(b.at(), "batch " + b.id())
                .string(b.memo())
                .string(b.currency().getCurrencyCode())
                .string(b.kind().name())
                .string(b.reference())
                .string(b.linesKind().name())
                .string(b.counter().kind().name())
                .string(b.counter().owner())
                .number(b.counterMinorUnits())
                .number(b.lines())
                .string(b.reverses());
            ps.executeUpdate();
          }
          Bulk bulk =
              Bulk.open(
                  c,
                  db.dialect(),
                  BulkLoad.COPY_WHERE_POSSIBLE,
                  "ledger_batch_line",
                  List.of("batch_id", "pos", "owner", "amount_minor"));
          try {
            for (int i = 0; i < b.lines(); i++) {
              bulk.text(b.id()).number((long) i).text(b.owner(i)).number(b.minorUnits(i));
              bulk.endRow();
            }
            bulk.finish();
          } catch (SQLException | RuntimeException e) {
            bulk.abandon();
            throw e;
          }
        });
    if (batches != null) {
      batches.add(b);
    }
    db.onRollback(this::forget);
  }

  @Override
  public Optional<Transaction> transaction(String id) {
    if (transactions != null) {
      return transactions.stream().filter(t -> t.id().equals(id)).findFirst();
    }
    List<Transaction> found = db.inTransaction(c -> readTransactions(c, Optional.of(id)));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<BatchTransaction> batch(String id) {
    if (batches != null) {
      return batches.stream().filter(b -> b.id().equals(id)).findFirst();
    }
    List<BatchTransaction> found = db.inTransaction(c -> readBatches(c, Optional.of(id)));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Transaction> transactions() {
    List<Transaction> all = transactions;
    if (all == null) {
      all = new ArrayList<>(db.inTransaction(c -> readTransactions(c, Optional.empty())));
      transactions = all;
      db.onRollback(this::forget);
    }
    return List.copyOf(all);
  }

  @Override
  public List<BatchTransaction> batches() {
    List<BatchTransaction> all = batches;
    if (all == null) {
      all = new ArrayList<>(db.inTransaction(c -> readBatches(c, Optional.empty())));
      batches = all;
      db.onRollback(this::forget);
    }
    return List.copyOf(all);
  }

  /** Drops the copies in memory (a unit of work they saw rolled back); the next read reloads. */
  private void forget() {
    transactions = null;
    batches = null;
  }

  private static long minor(Money m) {
    int digits = Math.max(0, m.currency().getDefaultFractionDigits());
    return m.amount().movePointRight(digits).longValueExact();
  }

  private static Money money(long minor, Currency currency) {
    return new Money(
        BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits())), currency);
  }

  private record Head(
      String id, java.time.Instant at, String memo, Currency currency, Optional<String> reverses) {}

  private static List<Transaction> readTransactions(Connection c, Optional<String> id)
      throws SQLException {
    List<Head> heads = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, at, memo, currency, reverses FROM ledger_transaction"
                + (id.isPresent() ? " WHERE id = ?" : "")
                + " ORDER BY seq")) {
      if (id.isPresent()) {
        ps.setString(1, id.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          heads.add(
              new Head(
                  Sql.string(rs, "id"),
                  Sql.instant(rs, "at"),
                  Sql.string(rs, "memo"),
                  Currency.getInstance(Sql.string(rs, "currency")),
                  Sql.optionalString(rs, "reverses")));
        }
      }
    }
    if (heads.isEmpty()) {
      return List.of();
    }
    Map<String, Currency> currencies = new HashMap<>();
    for (Head h : heads) {
      currencies.put(h.id(), h.currency());
    }
    Map<String, List<Posting>> postings = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT transaction_id, account_kind, account_owner, amount_minor, line_kind, reference"
                + " FROM ledger_posting"
                + (id.isPresent() ? " WHERE transaction_id = ?" : "")
                + " ORDER BY transaction_id, pos")) {
      if (id.isPresent()) {
        ps.setString(1, id.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String tx = Sql.string(rs, "transaction_id");
          Currency cur = currencies.get(tx);
          if (cur == null) {
            continue;
          }
          postings
              .computeIfAbsent(tx, k -> new ArrayList<>())
              .add(
                  new Posting(
                      new Account(
                          Account.Kind.valueOf(Sql.string(rs, "account_kind")),
                          Sql.string(rs, "account_owner")),
                      money(rs.getLong("amount_minor"), cur),
                      LineKind.valueOf(Sql.string(rs, "line_kind")),
                      Sql.string(rs, "reference")));
        }
      }
    }
    List<Transaction> out = new ArrayList<>(heads.size());
    for (Head h : heads) {
      out.add(
          new Transaction(
              h.id(), h.at(), h.memo(), postings.getOrDefault(h.id(), List.of()), h.reverses()));
    }
    return List.copyOf(out);
  }

  private static List<BatchTransaction> readBatches(Connection c, Optional<String> id)
      throws SQLException {
    List<BatchTransaction> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, at, memo, currency, line_kind, reference, lines_kind, counter_kind,"
                + " counter_owner, counter_minor, line_count, reverses FROM ledger_batch"
                + (id.isPresent() ? " WHERE id = ?" : "")
                + " ORDER BY seq")) {
      if (id.isPresent()) {
        ps.setString(1, id.get());
      }
      try (ResultSet rs = ps.executeQuery();
          PreparedStatement lines =
              c.prepareStatement(
                  "SELECT owner, amount_minor FROM ledger_batch_line WHERE batch_id = ?"
                      + " ORDER BY pos")) {
        while (rs.next()) {
          String batchId = Sql.string(rs, "id");
          int count = rs.getInt("line_count");
          String[] owners = new String[count];
          long[] minor = new long[count];
          int n = 0;
          lines.setString(1, batchId);
          try (ResultSet l = lines.executeQuery()) {
            while (l.next()) {
              if (n == count) {
                throw new StoreException(
                    StoreException.Reason.DAMAGED,
                    "ledger batch " + batchId + " has more lines than its " + count);
              }
              owners[n] = Sql.string(l, "owner");
              minor[n++] = l.getLong("amount_minor");
            }
          }
          if (n != count) {
            throw new StoreException(
                StoreException.Reason.DAMAGED,
                "ledger batch " + batchId + " has " + n + " lines, not its " + count);
          }
          BatchTransaction b =
              new BatchTransaction(
                  batchId,
                  Sql.instant(rs, "at"),
                  Sql.string(rs, "memo"),
                  Currency.getInstance(Sql.string(rs, "currency")),
                  LineKind.valueOf(Sql.string(rs, "line_kind")),
                  Sql.string(rs, "reference"),
                  Account.Kind.valueOf(Sql.string(rs, "lines_kind")),
                  owners,
                  minor,
                  new Account(
                      Account.Kind.valueOf(Sql.string(rs, "counter_kind")),
                      Sql.string(rs, "counter_owner")),
                  Sql.optionalString(rs, "reverses"));
          if (b.counterMinorUnits() != rs.getLong("counter_minor")) {
            throw new StoreException(
                StoreException.Reason.DAMAGED,
                "ledger batch "
                    + batchId
                    + " does not balance as stored: its lines sum to "
                    + -b.counterMinorUnits()
                    + " minor units but its counter posting is "
                    + rs.getLong("counter_minor"));
          }
          out.add(b);
        }
      }
    }
    return List.copyOf(out);
  }
}
