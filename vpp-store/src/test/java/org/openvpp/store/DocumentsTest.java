package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DocumentsTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDocumentIsReplacedWholeAndListedByKind(Backend backend) {
    Documents docs = Documents.in(DATABASES.fresh(backend));
    Instant t = Instant.parse("2019-08-15T00:00:00Z");
    docs.put("commitment", "ev-2", "{\"kw\":1}", t);
    docs.put("commitment", "ev-1", "{\"kw\":2}", t);
    docs.put("month", "2019-08", "{}", t);
    docs.put("commitment", "ev-2", "{\"kw\":3}", t.plusSeconds(60));
    assertThat(docs.get("commitment", "ev-2")).contains("{\"kw\":3}");
    assertThat(docs.get("commitment", "nothing")).isEmpty();
    assertThat(docs.all("commitment"))
        .containsExactly(
            java.util.Map.entry("ev-1", "{\"kw\":2}"), java.util.Map.entry("ev-2", "{\"kw\":3}"));
  }
}
