package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
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

  @BeforeAll
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

  @AfterAll
  static void close() {
    DATABASES.dropAll();
  }

  /** Put {@code name} under key number {@code key}. */
  record Put(int key, String name) {}

  @Provide
  Gen<List<Put>> puts() {
    Gen<String> names =
        Gen.strings(12)
            .filter(
                s -> {
                  try {
                    Sql.text(s);
                    return true;
                  } catch (StoreException e) {
                    return false;
                  }
                });
    Gen<Integer> keys = Gen.ints(0, 6);
    Gen<Put> put = in -> new Put(keys.next(in), names.next(in));
    return put.list(0, 25);
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
