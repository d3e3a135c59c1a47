package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Problem;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.units.Energy;

/**
 * The CALLs 2.0.1 chargers send about smart charging: NotifyEVChargingNeeds and
 * ReportChargingProfiles. Other actions go to the next handler. Put it behind {@code LifeCycle}
 * (which lets only accepted chargers through) and in front of {@link Transactions}, whose ledger it
 * reads: {@code LifeCycle → SmartCharging → Transactions}.
 *
 * <p>Design note. NotifyEVChargingNeeds is answered Accepted, and the needs given to the {@link
 * NeedsListener}, only when the ledger has an open transaction on that EVSE: the needs are the
 * transaction's, and a profile for them is a TxProfile, which names its transaction. Without one it
 * is answered Rejected (statusInfo {@code NoTransaction}) and nothing is passed on; the EV then
 * charges by its own schedule. The energy is the {@code energyAmount} of the parameters the
 * requested mode names (DC or AC); a negative amount, a departure time that is not a date-time, or
 * parameters only of the other mode are refused with PropertyConstraintViolation. A
 * ReportChargingProfiles is answered and kept: each charger's reports of its latest {@code
 * requestId} (a report of another request replaces them), so what is kept stays bounded by what the
 * charger holds. The 1.6 versions of these messages do not exist; a 1.6 charger's CALLs all go to
 * the next handler. Thread-safe; the listener is called on the connection's thread.
 */
public final class SmartCharging implements CallHandler {
  /** The action an EV's needs come in. */
  public static final String NOTIFY_EV_CHARGING_NEEDS = "NotifyEVChargingNeeds";

  /** The action a charger reports its profiles in. */
  public static final String REPORT_CHARGING_PROFILES = "ReportChargingProfiles";

  private final Clock clock;
  private final NeedsListener listener;
  private final Transactions ledger;
  private final CallHandler next;
  private final Map<String, List<ProfileReport>> reports = new ConcurrentHashMap<>();
  private final AtomicLong needsAccepted = new AtomicLong();
  private final AtomicLong needsRejected = new AtomicLong();

  /**
   * @param clock the service's clock: when needs and reports are received
   * @param listener where accepted needs go
   * @param ledger the transactions, to find the open one on an EVSE
   * @param next answers the other actions (usually {@code ledger} itself)
   */
  public SmartCharging(Clock clock, NeedsListener listener, Transactions ledger, CallHandler next) {
    this.clock = clock;
    this.listener = listener;
    this.ledger = ledger;
    this.next = next;
  }

  /** The reports of {@code charger}'s latest request, in the order received. */
  public List<ProfileReport> reports(String charger) {
    return reports.getOrDefault(charger, List.of());
  }

  /** How many NotifyEVChargingNeeds were answered Accepted. */
  public long needsAccepted() {
    return needsAccepted.get();
  }

  /** How many NotifyEVChargingNeeds were answered Rejected (no open transaction on the EVSE). */
  public long needsRejected() {
    return needsRejected.get();
  }

  @Override
  public Answer handle(ChargerSession charger, Call call) {
    if (charger.version() != OcppVersion.V2_0_1) {
      return next.handle(charger, call);
    }
    return switch (call.action()) {
      case NOTIFY_EV_CHARGING_NEEDS -> checked(call, () -> needs(charger, call.payload()));
      case REPORT_CHARGING_PROFILES -> checked(call, () -> report(charger, call.payload()));
      default -> next.handle(charger, call);
    };
  }

  /** {@code reading}'s answer, or PropertyConstraintViolation when a value makes no sense. */
  private static Answer checked(Call call, Supplier<Answer> reading) {
    try {
      return reading.get();
    } catch (IllegalArgumentException e) {
      return new Answer.Refused(
          Problem.BAD_VALUE, call.action() + " refused: " + String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void connected(ChargerSession charger) {
    next.connected(charger);
  }

  @Override
  public void disconnected(ChargerSession charger) {
    next.disconnected(charger);
  }

  private Answer needs(ChargerSession charger, JsonNode p) {
    int evse = p.path("evseId").intValue();
    JsonNode needs = p.path("chargingNeeds");
    String mode = needs.path("requestedEnergyTransfer").asText();
    boolean dc = mode.equals("DC");
    JsonNode params = needs.path(dc ? "dcChargingParameters" : "acChargingParameters");
    if (!params.isObject()
        && needs.path(dc ? "acChargingParameters" : "dcChargingParameters").isObject()) {
      throw new IllegalArgumentException(
          "requestedEnergyTransfer is "
              + mode
              + " but the parameters are only "
              + (dc ? "AC" : "DC")
              + " ones");
    }
    Optional<Energy> energy = Optional.empty();
    JsonNode amount = params.path("energyAmount");
    if (amount.isIntegralNumber()) {
      if (amount.longValue() < 0) {
        throw new IllegalArgumentException("energyAmount " + amount + " Wh is negative");
      }
      energy = Optional.of(Energy.ofWattHours((double) amount.longValue()));
    }
    Optional<Instant> departure =
        RateSchedule.optionalTime(needs.path("departureTime"), "departureTime");

    Optional<Transaction> open =
        ledger.transactions(charger.identity()).stream()
            .filter(Transaction::open)
            .filter(t -> t.connector().map(ConnectorRef::evseId).equals(Optional.of(evse)))
            .max(Comparator.comparing(Transaction::started));
    ObjectNode answer = Frames.object();
    if (open.isEmpty()) {
      needsRejected.incrementAndGet();
      answer.put("status", "Rejected");
      ObjectNode info = answer.putObject("statusInfo");
      info.put("reasonCode", "NoTransaction");
      info.put("additionalInfo", "no open transaction on EVSE " + evse);
      return new Answer.Result(answer);
    }
    listener.needs(
        new ChargingNeeds(
            charger.identity(), evse, open.get().id(), mode, departure, energy, clock.instant()));
    needsAccepted.incrementAndGet();
    answer.put("status", "Accepted");
    return new Answer.Result(answer);
  }

  private Answer report(ChargerSession charger, JsonNode p) {
    List<ReportedProfile> profiles = new ArrayList<>();
    int i = 0;
    for (JsonNode cp : p.path("chargingProfile")) {
      String where = "chargingProfile[" + i++ + "]";
      String purpose = cp.path("chargingProfilePurpose").asText();
      List<RateSchedule> schedules = new ArrayList<>();
      for (JsonNode s : cp.path("chargingSchedule")) {
        schedules.add(RateSchedule.read(s));
      }
      JsonNode tx = cp.path("transactionId");
      profiles.add(
          new ReportedProfile(
              cp.path("id").intValue(),
              Purpose.ofWire(OcppVersion.V2_0_1, purpose)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              where + ": purpose " + purpose + " is not known")),
              cp.path("stackLevel").intValue(),
              cp.path("chargingProfileKind").asText(),
              RateSchedule.optionalTime(cp.path("validFrom"), where + ".validFrom"),
              RateSchedule.optionalTime(cp.path("validTo"), where + ".validTo"),
              tx.isTextual() ? Optional.of(tx.textValue()) : Optional.empty(),
              schedules));
    }
    ProfileReport report =
        new ProfileReport(
            charger.identity(),
            p.path("requestId").intValue(),
            p.path("evseId").intValue(),
            p.path("chargingLimitSource").asText(),
            profiles,
            p.path("tbc").asBoolean(false),
            clock.instant());
    reports.merge(
        charger.identity(),
        List.of(report),
        (kept, added) -> {
          if (kept.get(0).requestId() != report.requestId()) {
            return added;
          }
          List<ProfileReport> all = new ArrayList<>(kept);
          all.addAll(added);
          return List.copyOf(all);
        });
    return new Answer.Result(Frames.object());
  }
}
