package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openvpp.service.testing.TestEdge;

/**
 * The face's pages in a real headless Chromium (Debian's, through its chromedriver), on a service
 * of an in-memory world: a person signs up and enrols their battery, and sees their events; an
 * operator creates and cancels an event on the dashboard, and reads its charts. No script throws
 * and no request fails on the way (a script or style the Content-Security-Policy refused would be
 * an error in the browser's log).
 *
 * <p>The browser runs in Tokyo's time zone, the fleet in Los Angeles's: a time the pages showed in
 * the browser's zone, not the fleet's, would be sixteen hours off.
 */
class WebPagesBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String BROWSER_ZONE = "Asia/Tokyo";
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  World world;
  WebDriver browser;
  Path profile;

  @BeforeEach
  void start() throws Exception {
    assertThat(new File(CHROMIUM).canExecute())
        .as("Chromium at %s: apt-get install chromium chromium-driver", CHROMIUM)
        .isTrue();
    world = new World(START, Security.inMemory().withSignUpLimit(1_000), true);
    world.run(Duration.ofMinutes(1));
    assertThat(
            world
                .post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), world.admin)
                .status())
        .isEqualTo(201);
    profile = Files.createTempDirectory("vpp-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1300,1000",
        "--user-data-dir=" + profile);
    o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_ZONE))
                .build(),
            o);
  }

  @AfterEach
  void stop() throws Exception {
    browser.quit();
    world.close();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + world.face.port() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  void logInToTheDashboardAsAdmin() {
    browser.get(url("/"));
    waiting().until(ExpectedConditions.urlContains("/login.html"));
    type("username", "admin");
    type("password", World.PASSWORD);
    browser.findElement(By.id("submit")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin"));
  }

  void rows(String css, int n) {
    waiting().until(d -> d.findElements(By.cssSelector(css)).size() == n);
  }

  /** Keeps what the page looks like now in target/screenshots, for people to look at. */
  void screenshot(String name) throws java.io.IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png =
        ((org.openqa.selenium.TakesScreenshot) browser)
            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  @Nullable Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** The numbers of the array {@code script} returns, NaN where it has none. */
  List<Double> numbers(String script) {
    return ((List<?>) Objects.requireNonNull(js(script), script))
        .stream().map(o -> o instanceof Number n ? plain(n.doubleValue()) : Double.NaN).toList();
  }

  /** {@code v}, with −0 as 0: a −0 reaches the test from the page as 0 (a whole number). */
  static double plain(double v) {
    return v + 0.0;
  }

  /** An instant as the fleet's wall time, as the pages write it (without the zone's name). */
  static String inLosAngeles(Instant t) {
    return WALL.format(t.atZone(World.LA));
  }

  /**
   * Runs the world through {@code d} a quarter hour at a time, each time until the face has sampled
   * the fleet's latest view: its history then has a sample every quarter hour at least, and no more
   * come after.
   */
  void runSampled(Duration d) {
    Instant end = world.now().plus(d);
    while (world.now().isBefore(end)) {
      world.run(Duration.ofMinutes(15));
      new FluentWait<>(world)
          .withTimeout(Duration.ofSeconds(15))
          .pollingEvery(Duration.ofMillis(20))
          .until(
              w -> {
                JsonNode h = w.get("/api/v1/fleet/history", w.viewer).body();
                JsonNode items = h.path("items");
                return !items.isEmpty()
                    && items.get(items.size() - 1).path("at").equals(h.path("at"));
              });
    }
  }

  List<LogEntry> errors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(e -> !e.getMessage().contains("favicon"))
        .toList();
  }

  @Test
  void aPersonSignsUpAddsTheirSiteGrantsConsentLinksTheirBatteryAndEnrolsIt() throws Exception {
    browser.get(url("/participant.html"));
    type("signupName", "Ana Diaz");
    type("signupUsername", "ana");
    type("signupPassword", World.PASSWORD);
    browser.findElement(By.id("signupSubmit")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ana"));
    type("siteMeter", "m-web");
    type("siteRegion", "fontana");
    type("siteFeeder", "feeder-1");
    browser.findElement(By.id("addSiteSubmit")).click();
    rows("#sites tr.site", 1);
    waiting().until(d -> !new Select(d.findElement(By.id("grantSite"))).getOptions().isEmpty());
    browser.findElement(By.id("grantSubmit")).click();
    rows("#consents tr.consent", 1);
    assertThat(browser.findElement(By.cssSelector("#consents tr.consent")).getText())
        .contains("control", "meter data", "active");
    type("linkDevice", "b-web");
    new Select(browser.findElement(By.id("linkKind"))).selectByValue("BATTERY");
    browser.findElement(By.id("linkSubmit")).click();
    rows("#devices tr.device", 1);
    waiting().until(d -> !new Select(d.findElement(By.id("enrolDevice"))).getOptions().isEmpty());
    waiting().until(d -> !new Select(d.findElement(By.id("enrolConsent"))).getOptions().isEmpty());
    new Select(browser.findElement(By.id("enrolProgram"))).selectByValue("byo");
    browser.findElement(By.id("enrolSubmit")).click();
    rows("#enrolments tr.enrolment", 1);
    assertThat(browser.findElement(By.cssSelector("#enrolments tr.enrolment .state")).getText())
        .isEqualTo("ENROLLED");
    waiting()
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "enrolled"));
    assertThat(browser.findElement(By.id("statement")).getText()).contains("2026-07", "earned $");
    screenshot("participant");
    // what the page did is the register's now
    assertThat(world.service.register().enrolments())
        .anyMatch(e -> e.devices().get(0).id().value().equals("b-web"));
    // leaving is one click (and a confirmation)
    browser.findElement(By.cssSelector("#enrolments button.leave")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#enrolments tr.enrolment .state"), "WITHDRAWN"));
    assertThat(errors()).isEmpty();
  }

  @Test
  void anOperatorChangesAProgramAndMakesANewOneOnTheDashboard() throws Exception {
    logInToTheDashboardAsAdmin();
    rows("#programs tr.program", 1);
    browser.findElement(By.cssSelector("#programs tr.program button.edit")).click();
    JavascriptExecutor js = (JavascriptExecutor) browser;
    String edited =
        (String)
            js.executeScript(
                "const p = JSON.parse(document.getElementById('programJson').value);"
                    + "p.name = 'Battery rewards'; p.enrolmentCap = 250;"
                    + "return JSON.stringify(p);");
    js.executeScript("document.getElementById('programJson').value = arguments[0];", edited);
    browser.findElement(By.id("programSave")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#programs tr.program"), "Battery rewards (byo)"));
    assertThat(world.service.register().program("byo").orElseThrow().enrolmentCap()).isEqualTo(250);

    // the same rules under a new id: a second program
    js.executeScript(
        "const p = JSON.parse(document.getElementById('programJson').value);"
            + "p.id = 'byo-2'; p.name = 'Second battery program';"
            + "document.getElementById('programJson').value = JSON.stringify(p);");
    browser.findElement(By.id("programCreate")).click();
    rows("#programs tr.program", 2);
    assertThat(world.service.register().program("byo-2")).isPresent();

    // what is not JSON is refused in the page, with the reason, and nothing is sent
    js.executeScript("document.getElementById('programJson').value = '{\"id\": ';");
    browser.findElement(By.id("programSave")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("message"), "the program is not JSON"));
    assertThat(world.service.register().programs()).hasSize(2);
    assertThat(errors()).isEmpty();
  }

  @Test
  void anOperatorCreatesAndCancelsAnEventOnTheDashboard() throws Exception {
    logInToTheDashboardAsAdmin();
    rows("#programs tr.program", 1);
    waiting().until(d -> !d.findElements(By.cssSelector("#counters .counter")).isEmpty());
    Instant start = world.slot(Duration.ofHours(5));
    Instant end = start.plus(Duration.ofHours(2));
    // the form takes the fleet's wall time, whatever the browser's zone
    DateTimeFormatter input = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    js(
        "document.getElementById('eventStart').value = arguments[0];"
            + "document.getElementById('eventEnd').value = arguments[1];",
        input.format(start.atZone(World.LA)),
        input.format(end.atZone(World.LA)));
    browser.findElement(By.id("createSubmit")).click();
    rows("#events tr.event", 1);
    assertThat(browser.findElement(By.cssSelector("#events tr.event .state")).getText())
        .isEqualTo("scheduled");
    assertThat(world.service.events().events()).hasSize(1);
    assertThat(world.service.events().events().get(0).window().start()).isEqualTo(start);
    assertThat(world.service.events().events().get(0).window().end()).isEqualTo(end);
    assertThat(browser.findElement(By.cssSelector("#events tr.event")).getText())
        .contains(inLosAngeles(start) + " PDT", inLosAngeles(end) + " PDT");
    browser.findElement(By.cssSelector("#events tr.event button.cancel")).click();
    waiting().until(ExpectedConditions.alertIsPresent()).accept();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#events tr.event .state"), "cancelled"));
    assertThat(errors()).isEmpty();
  }

  @Test
  void anOperatorResetsAChargerAndReadsItsSettingsOnTheDashboard() throws Exception {
    var r = world.service.register();
    var site =
        r.addSite(
            Optional.empty(),
            r.addCustomer(Optional.empty(), "Home 1").id(),
            "m-ev",
            "fontana",
            "feeder-1");
    r.linkDevice(
        site.id(),
        org.openvpp.device.DeviceId.of("EVSE-1"),
        org.openvpp.device.DeviceKind.EV_CHARGER,
        org.openvpp.units.Power.ofKilowatts(7.4));
    try (OcppCharger cp =
        new OcppCharger(
            world.ocpp.orElseThrow().port(),
            "EVSE-1",
            "ocpp2.0.1",
            (action, payload) ->
                Optional.of(
                    action.equals("GetVariables")
                        ? "{\"getVariableResult\":[{\"attributeStatus\":\"Accepted\","
                            + "\"attributeValue\":\"300\",\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                            + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"
                        : "{\"status\":\"Scheduled\"}"))) {
      logInToTheDashboardAsAdmin();
      rows("#chargers tr.charger", 1);
      WebElement row = browser.findElement(By.cssSelector("#chargers tr.charger"));
      assertThat(row.getText()).contains("EVSE-1", "2.0.1", site.id());
      row.findElement(By.xpath(".//button[text()='Reset']")).click();
      waiting()
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "reset"));
      assertThat(browser.findElement(By.id("message")).getText())
          .isEqualTo("charger EVSE-1: reset Scheduled");
      OcppCharger.Received reset = cp.next();
      assertThat(reset.action()).isEqualTo("Reset");
      assertThat(reset.payload().path("type").asText()).isEqualTo("OnIdle");

      new Select(browser.findElement(By.id("opName"))).selectByVisibleText("readSettings");
      type(
          "opFields",
          "{\"settings\": [{\"component\": \"OCPPCommCtrlr\", \"name\": \"HeartbeatInterval\"}]}");
      browser.findElement(By.id("opSend")).click();
      waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("opResult"), "300"));
      assertThat(cp.next().action()).isEqualTo("GetVariables");
      assertThat(world.security.audit().entries())
          .anyMatch(
              e ->
                  e.action().equals("charger.operation")
                      && e.target().equals("EVSE-1: reset OnIdle")
                      && e.outcome().equals("done: Scheduled"));
      screenshot("dashboard-chargers");
      assertThat(errors()).isEmpty();
    }
  }

  @Test
  void theDashboardsChartsShowTheFleetInItsLocalTimeWithValuesOnHoverAndZoom() throws Exception {
    enrolABattery("ana", START.plus(Duration.ofDays(60)));
    runSampled(Duration.ofHours(3));
    JsonNode history = world.get("/api/v1/fleet/history", world.viewer).body().path("items");
    World.Answer flex = world.get("/api/v1/flexibility", world.viewer);
    assertThat(flex.status()).as("%s", flex).isEqualTo(200);
    logInToTheDashboardAsAdmin();
    waiting()
        .until(d -> Boolean.TRUE.equals(js("return !!(charts.powerChart && charts.flexChart)")));
    assertThat(js("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
        .isEqualTo(BROWSER_ZONE);

    // the fleet's power: a point per sample of the history, at its time, with its values
    assertThat(js("return charts.powerChart.series.map(s => s.label)"))
        .isEqualTo(List.of("America/Los_Angeles", "power", "could give"));
    List<Double> times = new ArrayList<>();
    List<Double> power = new ArrayList<>();
    List<Double> couldGive = new ArrayList<>();
    for (JsonNode s : history) {
      times.add((double) Instant.parse(s.path("at").asText()).getEpochSecond());
      power.add(s.path("powerKw").asDouble());
      couldGive.add(plain(-s.path("availableDischargeKw").asDouble()));
    }
    assertThat(times).hasSizeGreaterThanOrEqualTo(12);
    assertThat(numbers("return charts.powerChart.data[0]")).isEqualTo(times);
    assertThat(numbers("return charts.powerChart.data[1]")).isEqualTo(power);
    assertThat(numbers("return charts.powerChart.data[2]")).isEqualTo(couldGive);
    assertThat(couldGive).anyMatch(v -> v < 0);

    // the time axis is labelled in the fleet's clock (what uPlot drew at each tick): the hour, and
    // the date at the first tick and where a day begins, with the year where it is new
    List<Double> ticks = numbers("return charts.powerChart.axes[0]._splits");
    assertThat(ticks).hasSizeGreaterThanOrEqualTo(3);
    List<String> expected = new ArrayList<>();
    ZonedDateTime before = ZonedDateTime.of(LocalDate.MIN, LocalTime.MIDNIGHT, World.LA);
    for (double t : ticks) {
      ZonedDateTime at = Instant.ofEpochSecond((long) t).atZone(World.LA);
      String date =
          at.getYear() != before.getYear()
              ? "\n" + at.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))
              : !at.toLocalDate().equals(before.toLocalDate())
                  ? "\n" + at.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH))
                  : "";
      expected.add(at.format(DateTimeFormatter.ofPattern("HH:mm")) + date);
      before = at;
    }
    assertThat(js("return charts.powerChart.axes[0]._values")).isEqualTo(expected);
    assertThat(expected.get(0)).isEqualTo("00:00\n1 Jul 2026");

    // the flexibility: the hour-ahead bands and the measurements, on one time axis
    assertThat(js("return charts.flexChart.series.map(s => s.label)"))
        .isEqualTo(List.of("America/Los_Angeles", "P10", "P50", "P90", "measured"));
    TreeMap<Double, double[]> rows = new TreeMap<>();
    for (JsonNode b : flex.body().path("hourAhead")) {
      double[] row = rows.computeIfAbsent(seconds(b.path("start")), t -> nans());
      row[0] = b.path("p10Kw").asDouble();
      row[1] = b.path("p50Kw").asDouble();
      row[2] = b.path("p90Kw").asDouble();
    }
    for (JsonNode m : flex.body().path("measured")) {
      rows.computeIfAbsent(seconds(m.path("at")), t -> nans())[3] = m.path("kw").asDouble();
    }
    assertThat(flex.body().path("hourAhead").size()).isPositive();
    assertThat(flex.body().path("measured").size()).isPositive();
    assertThat(numbers("return charts.flexChart.data[0]")).isEqualTo(List.copyOf(rows.keySet()));
    for (int k = 0; k < 4; k++) {
      int series = k;
      assertThat(numbers("return charts.flexChart.data[" + (k + 1) + "]"))
          .as("series %s", series + 1)
          .isEqualTo(rows.values().stream().map(r -> r[series]).toList());
    }
    assertThat(js("return charts.flexChart.bands.map(b => b.series)"))
        .isEqualTo(List.of(List.of(3L, 1L)));

    // hovering shows the values under the cursor, and the time in the fleet's clock
    WebElement over = browser.findElement(By.cssSelector("#powerChart .u-over"));
    new Actions(browser).moveToElement(over).perform();
    String hovered = "return charts.powerChart.cursor.idx";
    waiting().until(d -> js(hovered) instanceof Number);
    int idx = ((Number) Objects.requireNonNull(js(hovered))).intValue();
    List<WebElement> legend =
        browser.findElements(By.cssSelector("#powerChart .u-legend .u-series"));
    assertThat(legend).hasSize(3);
    assertThat(legend.get(0).findElement(By.className("u-label")).getText())
        .isEqualTo("America/Los_Angeles");
    assertThat(legend.get(0).findElement(By.className("u-value")).getText())
        .isEqualTo(inLosAngeles(Instant.ofEpochSecond(times.get(idx).longValue())));
    assertThat(kilowatts(legend.get(1), "power")).isCloseTo(power.get(idx), within(0.05));
    assertThat(kilowatts(legend.get(2), "could give")).isCloseTo(couldGive.get(idx), within(0.05));
    screenshot("dashboard");

    // dragging across zooms in on that span of time; a double click shows it all again
    int w = over.getSize().getWidth();
    new Actions(browser)
        .moveToElement(over, -w / 4, 0)
        .clickAndHold()
        .moveByOffset(w / 2, 0)
        .release()
        .perform();
    double first = times.get(0);
    double last = times.get(times.size() - 1);
    waiting()
        .until(
            d ->
                Boolean.TRUE.equals(
                    js(
                        "const x = charts.powerChart.scales.x;"
                            + " return x.min > arguments[0] && x.max < arguments[1];",
                        first,
                        last)));
    new Actions(browser).doubleClick(over).perform();
    waiting()
        .until(
            d ->
                numbers("const x = charts.powerChart.scales.x; return [x.min, x.max];")
                    .equals(List.of(first, last)));
    assertThat(errors()).isEmpty();
  }

  static double seconds(JsonNode iso) {
    return Instant.parse(iso.asText()).getEpochSecond();
  }

  static double[] nans() {
    return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
  }

  /** The kW a row of a chart's legend shows ('1.5 kW'); the row must be {@code label}'s. */
  static double kilowatts(WebElement row, String label) {
    assertThat(row.findElement(By.className("u-label")).getText()).isEqualTo(label);
    String value = row.findElement(By.className("u-value")).getText();
    assertThat(value).endsWith(" kW");
    return Double.parseDouble(value.substring(0, value.length() - 3));
  }

  /**
   * Signs {@code name} up through the API, with a site in the program's region, consent to control
   * and meter data until {@code expires}, and battery b-{@code name} (13.5 kWh, 5 kW, 8 kWh in it)
   * enrolled in program byo: the VPP may command it, and counts what it could give.
   */
  void enrolABattery(String name, Instant expires) {
    String token = world.signUp(name, name).body().path("token").asText();
    String meter = "m-" + name;
    String device = "b-" + name;
    World.Answer site =
        world.post(
            "/api/v1/sites",
            World.json(Map.of("meterId", meter, "region", "fontana", "feeder", "feeder-1")),
            token);
    String siteId = site.body().path("id").asText();
    World.Answer consent =
        world.post(
            "/api/v1/consents",
            World.json(
                Map.of(
                    "siteId",
                    siteId,
                    "scopes",
                    List.of("CONTROL", "METER_DATA"),
                    "expires",
                    expires.toString())),
            token);
    World.Answer link =
        world.post(
            "/api/v1/sites/" + siteId + "/devices",
            World.json(Map.of("deviceId", device, "kind", "BATTERY", "capacityKw", 5)),
            token);
    World.Answer enrolled =
        world.post(
            "/api/v1/enrolments",
            World.json(
                Map.of(
                    "programId",
                    "byo",
                    "siteId",
                    siteId,
                    "deviceIds",
                    List.of(device),
                    "consentId",
                    consent.body().path("id").asText())),
            token);
    assertThat(List.of(site.status(), consent.status(), link.status(), enrolled.status()))
        .as("%s %s %s %s", site, consent, link, enrolled)
        .containsOnly(201);
    world.edge.home(meter, 1.0);
    world.edge.born(meter, TestEdge.battery(device, 13.5, 5), 8);
  }

  /**
   * A backtest's CSV read on the dashboard: three days over two months, summed by month and stream
   * by hand (energy is the awards and their imbalance): June 10.00 − 0.50 + 20.00 + 1.00 = 30.50,
   * reg. up 5.00 + 7.00 = 12.00; July 4.00 − 0.25 = 3.75, reg. up 6.00.
   */
  @Test
  void anOperatorReadsABacktestsRevenueByMonthAndStreamOnTheDashboard() throws Exception {
    Path csv = Files.createTempFile("backtest", ".csv");
    Files.writeString(
        csv,
        "day,awarded_usd,imbalance_usd,penalty_usd,reg_up_usd,reg_down_usd,spin_usd,supp_usd,"
            + "called_usd,forfeited_usd,regulation_wear_usd,wear_usd,net_usd,perfect_usd,"
            + "perfect_wear_usd,sold_kwh,bought_kwh,undelivered_kwh,online,instructed_usd,"
            + "performance_usd,event_usd\n"
            + "2019-06-29,10.00,-0.50,-0.10,5.00,2.00,0,0,1.00,-0.20,-0.30,-3.00,15.00,15.00,"
            + "-3.50,100,110,1,10,-0.40,-0.50,2.00\n"
            + "2019-06-30,20.00,1.00,0,7.00,0,0,0,0,0,-0.50,-4.00,23.00,25.00,-4.00,120,130,0,10,"
            + "0.50,-1.00,0\n"
            + "2019-07-01,4.00,-0.25,0,6.00,1.00,0,0,0,0,0,-1.00,9.75,12.00,-1.00,50,55,0,9,0,0,"
            + "0\n");
    logInToTheDashboardAsAdmin();

    browser.findElement(By.id("backtestFile")).sendKeys(csv.toString());
    rows("#backtestMonths tr", 2);
    js("document.getElementById('backtestChart').scrollIntoView()");
    screenshot("backtest");

    assertThat(text("#backtestMonths tr:nth-child(1)"))
        .isEqualTo("2019-06 30.50 12.00 2.00 0.00 0.00 1.10 2.00 -1.80 -7.80 38.00 40.00");
    assertThat(text("#backtestMonths tr:nth-child(2)"))
        .isEqualTo("2019-07 3.75 6.00 1.00 0.00 0.00 0.00 0.00 0.00 -1.00 9.75 12.00");
    assertThat(js("return charts.backtestChart.series.map(s => s.label)"))
        .isEqualTo(
            List.of(
                "month",
                "wear",
                "penalties",
                "events",
                "real time",
                "supplemental",
                "spinning",
                "reg. down",
                "reg. up",
                "energy",
                "net",
                "perfect foresight"));
    // gains stacked up from energy (30.50, then 42.50 with reg. up, 44.50 with reg. down, 45.60
    // with real time, 47.60 with events), costs down (penalties −1.80, then −9.60 with wear); the
    // stack's streams add up to the net
    assertClose(numbers("return charts.backtestChart.data[9]"), 30.5, 3.75);
    assertClose(numbers("return charts.backtestChart.data[7]"), 44.5, 10.75);
    assertClose(numbers("return charts.backtestChart.data[4]"), 45.6, 10.75);
    assertClose(numbers("return charts.backtestChart.data[3]"), 47.6, 10.75);
    assertClose(numbers("return charts.backtestChart.data[1]"), -9.6, -1.0);

    // a file that is not a backtest's is refused, naming what is wrong
    Path bad = Files.createTempFile("backtest", ".csv");
    Files.writeString(bad, "day,net_usd\n2019-06-29,1\n");
    browser.findElement(By.id("backtestFile")).sendKeys(bad.toString());
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "line 1"));
    assertThat(browser.findElement(By.id("message")).getText())
        .contains("the header has no perfect_usd; is this a ./vpp backtest --csv file?");
    Files.delete(csv);
    Files.delete(bad);
  }

  private static void assertClose(List<Double> actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).isCloseTo(expected[i], within(1e-9));
    }
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().replaceAll("\\s+", " ").trim();
  }

  @Test
  void aParticipantSeesTheirEventsAndConsentsInTheFleetsLocalTimeNotTheBrowsers() throws Exception {
    // an event from five to seven in the evening, Los Angeles time: from 09:00 next day in Tokyo
    Instant start = ZonedDateTime.of(2026, 7, 1, 17, 0, 0, 0, World.LA).toInstant();
    Instant expires = ZonedDateTime.of(2026, 8, 15, 0, 0, 0, 0, World.LA).toInstant();
    World.Answer event =
        world.post(
            "/api/v1/events",
            World.json(
                Map.of(
                    "programId",
                    "byo",
                    "start",
                    start.toString(),
                    "end",
                    start.plus(Duration.ofHours(2)).toString())),
            world.admin);
    assertThat(event.status()).as("%s", event).isEqualTo(201);
    enrolABattery("lee", expires);

    browser.get(url("/participant.html"));
    type("loginUsername", "lee");
    type("loginPassword", World.PASSWORD);
    browser.findElement(By.id("loginSubmit")).click();
    rows("#events tr.event", 1);
    assertThat(js("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
        .isEqualTo(BROWSER_ZONE);
    assertThat(browser.findElement(By.cssSelector("#events tr.event")).getText())
        .contains(event.body().path("id").asText(), "byo", "scheduled")
        .contains("2026-07-01 17:00 PDT", "2026-07-01 19:00 PDT")
        .doesNotContain("2026-07-02");
    assertThat(browser.findElement(By.cssSelector("#home .zone")).getText())
        .isEqualTo("America/Los_Angeles");
    assertThat(browser.findElement(By.cssSelector("#consents tr.consent")).getText())
        .contains("2026-08-15 00:00 PDT");

    // a consent's expiry day, picked in the page, is the start of that day in the fleet's zone
    js("document.getElementById('grantExpires').value = '2026-09-01';");
    browser.findElement(By.id("grantSubmit")).click();
    rows("#consents tr.consent", 2);
    assertThat(world.service.register().consents())
        .anyMatch(
            c ->
                c.expires()
                    .equals(
                        Optional.of(
                            ZonedDateTime.of(2026, 9, 1, 0, 0, 0, 0, World.LA).toInstant())));
    screenshot("participant-events");
    assertThat(errors()).isEmpty();
  }
}
