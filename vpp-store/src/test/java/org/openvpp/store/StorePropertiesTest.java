package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openvpp.program.Customer;
import org.openvpp.program.Store;

/**
 * The SQL store against the core's in-memory one as the model: after any sequence of puts (new
 * keys, replaced keys, any valid text), {@code all} and {@code find} agree, on both databases,
 * caching or not (each uncached store reads what the caching one before it wrote through).
 */
class StorePropertiesTest {
  private static final TestDatabases DATABASES = new TestDatabases();
  private static final AtomicInteger TRY = new AtomicInteger();
  private static List<Store<Customer>> sql = List.of();

  @BeforeContainer
  static void open() {
    Database h2 = DATABASES.fresh(Backend.H2);
    Database pg = DATABASES.fresh(Backend.POSTGRESQL);
    sql =
        List.of(
            ProgramStores.in(h2).customers(),
            ProgramStores.in(pg).customers(),
            ProgramStores.uncached(h2).customers(),
            ProgramStores.uncached(pg).customers());
  }

  @AfterContainer
  static void close() {
    DATABASES.dropAll();
  }

  /** Put {@code name} under key number {@code key}. */
  record Put(int key, String name) {}

  @Provide
  Arbitrary<List<Put>> puts() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .all()
            .ofMaxLength(12)
            .filter(
                s -> {
                  try {
                    Sql.text(s);
                    return true;
                  } catch (StoreException e) {
                    return false;
                  }
                });
    return Combinators.combine(Arbitraries.integers().between(0, 6), names)
        .as(Put::new)
        .list()
        .ofMaxSize(25);
  }

  @Property(tries = 60)
  void sqlStoresBehaveAsTheInMemoryStore(@ForAll("puts") List<Put> puts) {
    String prefix = "t" + TRY.incrementAndGet() + "-";
    for (Store<Customer> store : sql) {
      Store<Customer> model = Store.inMemory();
      for (Put p : puts) {
        String key = prefix + p.key();
        Customer c = new Customer(key, p.name());
        model.put(key, c);
        store.put(key, c);
      }
      List<Customer> mine = new ArrayList<>();
      for (Customer c : store.all()) {
        if (c.id().startsWith(prefix)) {
          mine.add(c);
        }
      }
      assertThat(mine).isEqualTo(model.all());
      for (int k = 0; k <= 6; k++) {
        assertThat(store.find(prefix + k)).isEqualTo(model.find(prefix + k));
      }
    }
  }
}
