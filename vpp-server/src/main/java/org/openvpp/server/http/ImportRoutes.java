package org.openvpp.server.http;

import io.javalin.http.Context;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.openvpp.program.ProgramException;
import org.openvpp.server.security.Principal;
import org.openvpp.service.register.Register;
import org.openvpp.service.register.RegisterImport;

/**
 * A utility moving an existing program brings its register as CSV ({@link RegisterImport}): all or
 * nothing. Applied: 200 with what was added. Refused: 400 with every refused line and why (the
 * first 200), nothing applied.
 */
final class ImportRoutes {
  private final Register register;

  ImportRoutes(Register register) {
    this.register = register;
  }

  void declare(Routes r) {
    r.post("/api/v1/imports", "register.import", Roles.ADMIN, this::importCsv);
  }

  private Routes.Answer importCsv(Context ctx, Principal p, Routes.Change c) {
    Bodies.requireType(ctx, List.of("text/csv"));
    byte[] bytes = Bodies.bytes(ctx, Bodies.CSV_LIMIT);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("the CSV must be UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    c.target(bytes.length + " bytes");
    RegisterImport.Report report;
    try {
      report = register.importCsv(text, p.subject());
    } catch (ProgramException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    c.target(report.rows() + " rows");
    if (!report.applied()) {
      throw new ApiError(
          400,
          "bad_request",
          report.refusedRows()
              + " of "
              + report.rows()
              + " rows were refused, so nothing was imported; fix them and send the whole file"
              + " again",
          Optional.of("IMPORT_REFUSED"),
          report.errors());
    }
    c.target(
        report.rows()
            + " rows: "
            + report.customers()
            + " customers, "
            + report.sites()
            + " sites, "
            + report.devices()
            + " devices, "
            + report.enrolments()
            + " enrolments");
    return Routes.Answer.ok(report);
  }
}
