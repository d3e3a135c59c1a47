package org.openvpp.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;

class FramesTest {
  private static final int MAX = 2_048;

  @Test
  void aCallIsRead() {
    Parsed p = Frames.parse("[2,\"19223201\",\"BootNotification\",{\"reason\":\"PowerUp\"}]", MAX);
    assertThat(p).isInstanceOf(Call.class);
    Call c = (Call) p;
    assertThat(c.messageId()).isEqualTo("19223201");
    assertThat(c.action()).isEqualTo("BootNotification");
    assertThat(c.payload().path("reason").asText()).isEqualTo("PowerUp");
  }

  @Test
  void aResultAndAnErrorAreRead() {
    assertThat(Frames.parse("[3,\"a\",{}]", MAX)).isEqualTo(new CallResult("a", Frames.object()));
    assertThat(Frames.parse("[4,\"a\",\"NotSupported\",\"no\",{}]", MAX))
        .isEqualTo(new CallError("a", "NotSupported", "no", Frames.object()));
  }

  @Test
  void eachBadFrameHasItsProblemAndKeepsTheIdWhenReadable() {
    record Case(String text, Problem problem, String id) {}
    String big = "[2,\"big\",\"DataTransfer\",{\"vendorId\":\"" + "x".repeat(MAX) + "\"}]";
    List<Case> cases =
        List.of(
            new Case("", Problem.NOT_JSON, "-1"),
            new Case("hello", Problem.NOT_JSON, "-1"),
            new Case("[2,\"a\",\"Heartbeat\",{}", Problem.NOT_JSON, "-1"),
            new Case("[2,\"a\",\"Heartbeat\",{}] []", Problem.NOT_JSON, "-1"),
            new Case("[2,\"a\",\"Heartbeat\",{\"k\":1,\"k\":2}]", Problem.NOT_JSON, "-1"),
            new Case("{\"a\":1}", Problem.BAD_FRAME, "-1"),
            new Case("[]", Problem.BAD_FRAME, "-1"),
            new Case("[\"2\",\"a\",\"Heartbeat\",{}]", Problem.BAD_FRAME, "-1"),
            new Case("[2.5,\"a\",\"Heartbeat\",{}]", Problem.BAD_FRAME, "-1"),
            new Case("[7,\"a\",\"Heartbeat\",{}]", Problem.UNKNOWN_MESSAGE_TYPE, "a"),
            new Case("[2,17,\"Heartbeat\",{}]", Problem.BAD_MESSAGE_ID, "-1"),
            new Case("[2,\"\",\"Heartbeat\",{}]", Problem.BAD_MESSAGE_ID, "-1"),
            new Case(
                "[2,\"" + "i".repeat(37) + "\",\"Heartbeat\",{}]", Problem.BAD_MESSAGE_ID, "-1"),
            new Case("[2,\"a\",\"Heartbeat\"]", Problem.BAD_FRAME, "a"),
            new Case("[2,\"a\",\"Heartbeat\",{},{}]", Problem.BAD_FRAME, "a"),
            new Case("[2,\"a\",5,{}]", Problem.BAD_FRAME, "a"),
            new Case("[2,\"a\",\"Heartbeat\",[]]", Problem.PAYLOAD_NOT_OBJECT, "a"),
            new Case("[2,\"a\",\"Heartbeat\",null]", Problem.PAYLOAD_NOT_OBJECT, "a"),
            new Case("[3,\"a\",\"x\"]", Problem.PAYLOAD_NOT_OBJECT, "a"),
            new Case("[3,\"a\"]", Problem.BAD_FRAME, "a"),
            new Case("[4,\"a\",\"GenericError\",\"x\"]", Problem.BAD_FRAME, "a"),
            new Case(big, Problem.OVERSIZED, "big"));
    for (Case c : cases) {
      Parsed p = Frames.parse(c.text(), MAX);
      assertThat(p).as(c.text()).isInstanceOf(Refusal.class);
      Refusal r = (Refusal) p;
      assertThat(r.problem()).as(c.text()).isEqualTo(c.problem());
      assertThat(r.messageId()).as(c.text()).isEqualTo(c.id());
      assertThat(r.description()).as(c.text()).isNotBlank();
    }
  }

  @Test
  void refusedResultsAndErrorsAreNotAnswered() {
    assertThat(((Refusal) Frames.parse("[3,\"a\"]", MAX)).answerable()).isFalse();
    assertThat(((Refusal) Frames.parse("[4,\"a\"]", MAX)).answerable()).isFalse();
    assertThat(((Refusal) Frames.parse("[2,\"a\"]", MAX)).answerable()).isTrue();
    assertThat(((Refusal) Frames.parse("nonsense", MAX)).answerable()).isTrue();
  }

  @Test
  void eachProblemHasACodeOfEachVersion() {
    assertThat(Problem.OCCURRENCE.code(OcppVersion.V1_6)).isEqualTo("OccurenceConstraintViolation");
    assertThat(Problem.OCCURRENCE.code(OcppVersion.V2_0_1))
        .isEqualTo("OccurrenceConstraintViolation");
    assertThat(Problem.BAD_FRAME.code(OcppVersion.V1_6)).isEqualTo("FormationViolation");
    assertThat(Problem.BAD_FRAME.code(OcppVersion.V2_0_1)).isEqualTo("RpcFrameworkError");
    assertThat(Problem.UNKNOWN_MESSAGE_TYPE.code(OcppVersion.V2_0_1))
        .isEqualTo("MessageTypeNotSupported");
  }

  @Property(tries = 2_000)
  void anyStringGivesAFrameOrARefusal(@ForAll("texts") String text) {
    Parsed p = Frames.parse(text, MAX);
    assertThat(p).isNotNull();
    if (p instanceof Refusal r) {
      assertThat(r.description()).isNotBlank();
      assertThat(r.messageId()).isNotEmpty();
    }
  }

  @Property(tries = 500)
  void aCallReadsBackAsWritten(@ForAll("calls") Call call) {
    assertThat(Frames.parse(Frames.encode(call), 1 << 20)).isEqualTo(call);
  }

  @Provide
  Gen<String> texts() {
    // Arbitrary strings, and strings built from OCPP-J's own pieces so that most are near-frames.
    Gen<String> pieces =
        Gen.of(
                "[",
                "]",
                "{",
                "}",
                ",",
                "2",
                "3",
                "4",
                "5",
                "-1",
                "1e400",
                "0.5",
                "\"id\"",
                "\"Heartbeat\"",
                "\"\"",
                "null",
                "true",
                "{}",
                "[]",
                ":",
                "\"k\"",
                "\\",
                "\"",
                " ",
                "\u0000",
                "\uD800",
                "9999999999999999999999")
            .list(0, 12)
            .map(l -> String.join("", l));
    Gen<String> any = Gen.strings(40);
    return in -> Gen.booleans().next(in) ? pieces.next(in) : any.next(in);
  }

  @Provide
  Gen<Call> calls() {
    Gen<String> ids = Gen.strings(36).filter(s -> !s.isEmpty());
    Gen<String> actions = Gen.strings(20).filter(s -> !s.isEmpty());
    Gen<String> values = Gen.strings(10);
    return in -> {
      var payload = Frames.object();
      int n = Gen.ints(0, 3).next(in);
      for (int i = 0; i < n; i++) {
        payload.put("k" + i, values.next(in));
      }
      return new Call(ids.next(in), actions.next(in), payload);
    };
  }
}
