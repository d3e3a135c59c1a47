package org.openvpp.service.register;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated cells, double quotes around a cell that holds commas,
 * quotes ({@code ""}) or line breaks, CRLF or LF line ends. A quote that is never closed ends the
 * file's last record where the file ends, and is reported as that record's problem by its shape.
 */
final class Csv {
  private Csv() {}

  /**
   * Reads {@code text} into {@code records}, with the line each record starts on in {@code lines}.
   */
  static void read(String text, List<List<String>> records, List<Integer> lines) {
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          any = true;
        }
        case ',' -> {
          record.add(cell.toString());
          cell.setLength(0);
          any = true;
        }
        case '\r' -> {}
        case '\n' -> {
          record.add(cell.toString());
          cell.setLength(0);
          records.add(record);
          lines.add(recordLine);
          record = new ArrayList<>();
          any = false;
          line++;
          recordLine = line;
        }
        default -> {
          cell.append(c);
          any = true;
        }
      }
    }
    if (any || cell.length() > 0 || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
      lines.add(recordLine);
    }
  }
}
