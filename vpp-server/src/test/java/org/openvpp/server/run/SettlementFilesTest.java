package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettlementFilesTest {

  @Test
  void aCustomerIdNamesItsStatementFile() {
    assertThat(SettlementFiles.fileName("customer-159")).isEqualTo("customer-159");
    assertThat(SettlementFiles.fileName("ACME Ltd. #7")).isEqualTo("ACME Ltd. #7");
  }

  @Test
  void anIdThatCouldLeaveTheStatementsFolderIsRefused() {
    for (String id : new String[] {"../ledger", "a/b", "a\\b", ".hidden", "", "tab\there"}) {
      assertThatThrownBy(() -> SettlementFiles.fileName(id))
          .as(id)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot name a statement file");
    }
  }
}
