package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.program.Customer;
import org.openvpp.program.Store;

/**
 * A database survives its writer being killed: a child JVM puts records, one transaction each, says
 * so, and halts at once (no shutdown hooks, no close, as {@code kill -9} would); every record it
 * reported committed must be there when the database is opened again. On H2 this needs {@code
 * WRITE_DELAY=0} (with H2's default write delay of about a second, one run found 58 of the 200).
 */
class CrashTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final int RECORDS = 200;

  /**
   * The child: {@code CrashTest h2 FOLDER} or {@code CrashTest postgresql DATABASE}; or {@code
   * CrashTest hold FOLDER}, which opens the folder and keeps it until its input closes.
   */
  public static void main(String[] args) throws IOException {
    if (args[0].equals("hold")) {
      try (Database db = Database.embedded(Path.of(args[1]))) {
        System.out.println("open " + db.dialect());
        System.out.flush();
        while (System.in.read() >= 0) {
          // Wait for the parent to close our input.
        }
      }
      return;
    }
    Database db =
        args[0].equals("h2")
            ? Database.embedded(Path.of(args[1]))
            : Database.open(TestDatabases.pgUrl(args[1]), TestDatabases.USER, "");
    Store<Customer> customers = ProgramStores.in(db).customers();
    for (int i = 0; i < RECORDS; i++) {
      customers.put("c" + i, new Customer("c" + i, "Customer " + i));
    }
    System.out.println("committed " + RECORDS);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  @org.junit.jupiter.api.Test
  void aFolderAnotherProcessHasOpenIsRefusedWithWhy(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException, InterruptedException {
    Path folder = dir.resolve("db");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashTest.class.getName(),
                "hold",
                folder.toString())
            .redirectErrorStream(true)
            .start();
    try {
      java.io.BufferedReader out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("open "));
      assertThat(line).isEqualTo("open H2");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.embedded(folder))
          .isInstanceOfSatisfying(
              StoreException.class,
              e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNREACHABLE))
          .hasMessageContaining("another process, perhaps another ./vpp up, has this folder open");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void committedRecordsSurviveAKilledProcess(Backend backend)
      throws IOException, InterruptedException {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    handle.db().close(); // the child is the only writer
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashTest.class.getName(),
                backend == Backend.H2 ? "h2" : "postgresql",
                handle.location())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("committed " + RECORDS);

    List<Customer> all = ProgramStores.in(handle.reopen()).customers().all();

    assertThat(all).hasSize(RECORDS);
    assertThat(all.get(RECORDS - 1)).isEqualTo(new Customer("c199", "Customer 199"));
  }
}
