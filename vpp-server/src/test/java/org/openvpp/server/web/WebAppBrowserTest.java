package org.openvpp.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openvpp.server.api.Api;
import org.openvpp.server.api.ApiInbox;
import org.openvpp.server.api.FleetView;
import org.openvpp.server.api.PerformanceView;
import org.openvpp.server.api.SettlementView;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.MinuteSample;
import org.openvpp.server.run.RunReport;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Role;
import org.openvpp.server.security.Tokens;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/**
 * The web app in a real headless Chromium (Debian's, driven by its chromedriver): logging in, the
 * operators' dashboard with the fleet's power, a participant's page with only their home. {@code
 * ./vpp test} and {@code .ci/run} install the browser when it is missing.
 */
class WebAppBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String PASSWORD = "a long test password";
  static final List<MinuteSample> samples = new ArrayList<>();
  static final List<FleetView> views = new ArrayList<>();
  static Dashboard dashboard;
  static String customer;
  static RunReport report;
  static java.time.ZoneId zone;
  WebDriver browser;
  Path profile;

  @BeforeAll
  static void runAndServe() {
    assertThat(new File(CHROMIUM).canExecute())
        .as(
            "Chromium for the browser tests at %s: apt-get install chromium chromium-driver",
            CHROMIUM)
        .isTrue();
    assertThat(new File(CHROMEDRIVER).canExecute())
        .as(
            "chromedriver for the browser tests at %s: apt-get install chromium-driver",
            CHROMEDRIVER)
        .isTrue();
    Scenario s = ScenarioFile.load("winter-morning-ca").withHomes(12).withHours(10).withSeed(3);
    report =
        new FleetRun(s, SimData.load())
            .run(
                SimulationClock.stepped(s.start().toInstant(), s.zone()),
                samples::add,
                e -> {},
                views::add);
    FleetView last = views.get(views.size() - 1);
    customer =
        last.customers().values().stream()
            .filter(c -> c.programs().contains("byo-battery"))
            .map(FleetView.CustomerView::id)
            .sorted()
            .findFirst()
            .orElseThrow();
    Accounts accounts = new Accounts();
    accounts.addUser("operator", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    accounts.addUser("alice", PASSWORD, Role.PARTICIPANT, Optional.of(customer));
    ApiInbox inbox = new ApiInbox();
    inbox.close(); // the run is over
    Api api = new Api(accounts, new Tokens(), new AuditLog(), inbox, InstantSource.system());
    api.publish(last);
    api.publish(SettlementView.of(report.event().id(), report.settlement()));
    api.publish(PerformanceView.of(FleetRun.PROGRAM, report));
    dashboard = Dashboard.start(0, s.zone(), api);
    zone = s.zone();
    samples.forEach(dashboard::publish);
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @BeforeEach
  void openBrowser() throws Exception {
    profile = Files.createTempDirectory("vpp-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1300,900",
        "--user-data-dir=" + profile);
    // The page's console, to catch a script that throws.
    o.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, o);
  }

  @AfterEach
  void closeBrowser() throws Exception {
    browser.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + dashboard.port() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  void logIn(String user, String password) {
    browser.get(url("/"));
    waiting().until(ExpectedConditions.urlContains("/login.html"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("submit")).click();
  }

  @Test
  void anOperatorLogsInAndWatchesTheFleet() {
    logIn("operator", PASSWORD);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "operator"));
    assertThat(browser.getCurrentUrl()).endsWith("/");
    // the samples so far are drawn and the cards show the last one
    waiting().until(d -> !d.findElement(By.id("net")).getText().equals("–"));
    assertThat(browser.findElement(By.id("net")).getText()).contains("kW");
    assertThat(browser.getTitle()).contains("OpenVPP");
    // every group of the tree with its flexibility, and every program against its cap
    FleetView last = views.get(views.size() - 1);
    waiting()
        .until(
            d -> d.findElements(By.cssSelector("#groups .group")).size() == last.groups().size());
    assertThat(browser.findElement(By.cssSelector("#groups .group")).getText()).contains("fleet");
    assertThat(browser.findElements(By.cssSelector("#programs .program")))
        .hasSize(last.programs().size());
  }

  /** The value of the data attribute {@code name} of element {@code id}, once it is not 0. */
  String drawn(String id, String name) {
    waiting().until(d -> !"0".equals(d.findElement(By.id(id)).getDomAttribute("data-" + name)));
    return String.valueOf(browser.findElement(By.id(id)).getDomAttribute("data-" + name));
  }

  @Test
  void anOperatorSeesFlexibilityBandsPricesTheEventAndTheSettlementAsCharts() {
    logIn("operator", PASSWORD);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "operator"));
    FleetView last = views.get(views.size() - 1);
    FleetView.Flexibility flex = last.flexibility().orElseThrow();
    // Flexibility: the hour-ahead bands over the whole run, the first forecast, the latest, and
    // one measured point per 15-minute boundary.
    assertThat(drawn("flexChart", "bands")).isEqualTo(String.valueOf(flex.hourAhead().size()));
    assertThat(drawn("flexChart", "first")).isEqualTo(String.valueOf(flex.first().size()));
    assertThat(drawn("flexChart", "measured")).isEqualTo(String.valueOf(flex.measured().size()));
    assertThat(drawn("flexChart", "latest")).isEqualTo(String.valueOf(flex.latest().size()));
    assertThat(browser.findElement(By.id("flexNote")).getText())
        .contains("for " + flex.devices() + " batteries")
        .contains("offline rate measured so far");
    // Prices: one step per hour of the run, with the batteries' hourly power beside them.
    assertThat(drawn("priceChart", "hours")).isEqualTo(String.valueOf(last.prices().size()));
    assertThat(drawn("priceChart", "power-hours")).isEqualTo(String.valueOf(last.prices().size()));
    assertThat(browser.findElement(By.id("priceNote")).getText()).contains("cheapest", "$/MWh");
    // The event: every minute of it from the samples, every interval of its M&V.
    long eventMinutes = samples.stream().filter(MinuteSample::inEvent).count();
    assertThat(drawn("eventChart", "minutes")).isEqualTo(String.valueOf(eventMinutes));
    assertThat(drawn("eventChart", "intervals"))
        .isEqualTo(String.valueOf(report.performance().intervals().size()));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("eventNote"), "kWh committed"));
    assertThat(browser.findElement(By.id("eventNote")).getText())
        .contains(report.event().id(), "completed");
    // Settlement: a bar per measured participant.
    assertThat(drawn("settleChart", "bars"))
        .isEqualTo(String.valueOf(report.settlement().statements().size()));
    assertThat(browser.findElement(By.id("settleNote")).getText())
        .contains(report.settlement().participants() + " participants measured", "paid $");
    // Dispatch now: a card per program with what it asked.
    waiting().until(d -> d.findElements(By.cssSelector("#dispatch .dispatch")).size() == 3);
    List<WebElement> cards = browser.findElements(By.cssSelector("#dispatch .dispatch"));
    assertThat(cards.get(0).getText()).contains("byo-battery (battery)", "target", "commands");
    assertThat(cards.get(1).getText()).contains("managed-ev", "reduction asked");
    // No script threw and no request failed but those refused before the login (401) and the
    // browser's own favicon.
    assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .filteredOn(e -> !e.getMessage().contains("favicon"))
        .filteredOn(e -> !e.getMessage().contains("status of 401"))
        .isEmpty();
  }

  @Test
  void whileTheRunGoesThePageSaysWhatIsNotReadyAndDrawsItWhenTheRunEnds() {
    // A second server that has the run's view but not yet its M&V or settlement: as while the
    // run goes. The run's end is told to the page as ./vpp up tells it (the stream's finish).
    Accounts accounts = new Accounts();
    accounts.addUser("operator", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    ApiInbox inbox = new ApiInbox();
    inbox.close();
    Api api = new Api(accounts, new Tokens(), new AuditLog(), inbox, InstantSource.system());
    api.publish(views.get(views.size() - 1));
    try (Dashboard running = Dashboard.start(0, zone, api)) {
      samples.forEach(running::publish);
      browser.get("http://127.0.0.1:" + running.port() + "/");
      waiting().until(ExpectedConditions.urlContains("/login.html"));
      browser.findElement(By.id("username")).sendKeys("operator");
      browser.findElement(By.id("password")).sendKeys(PASSWORD);
      browser.findElement(By.id("submit")).click();
      waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("eventNote"), "M&V per interval when the run has ended"));
      assertThat(drawn("eventChart", "minutes")).isNotEqualTo("0");
      assertThat(browser.findElement(By.id("eventChart")).getDomAttribute("data-intervals"))
          .isEqualTo("0");
      assertThat(browser.findElement(By.id("settleNote")).getText())
          .isEqualTo("settled when the run ends");
      waiting().until(d -> running.connectedClients() == 1);
      api.publish(SettlementView.of(report.event().id(), report.settlement()));
      api.publish(PerformanceView.of(FleetRun.PROGRAM, report));
      running.finish("{}");
      assertThat(drawn("settleChart", "bars"))
          .isEqualTo(String.valueOf(report.settlement().statements().size()));
      assertThat(drawn("eventChart", "intervals"))
          .isEqualTo(String.valueOf(report.performance().intervals().size()));
      waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "run finished"));
    }
  }

  @Test
  void aParticipantSeesOnlyTheirOwnHomeAndItsEvents() {
    logIn("alice", PASSWORD);
    waiting().until(ExpectedConditions.urlContains("/participant.html"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), customer));
    FleetView last = views.get(views.size() - 1);
    long mine =
        last.devices().stream().filter(d -> d.customer().equals(Optional.of(customer))).count();
    waiting().until(d -> d.findElements(By.cssSelector("#devices .device")).size() == mine);
    List<WebElement> events = browser.findElements(By.cssSelector("#events tr.event"));
    assertThat(events)
        .hasSize(
            java.util.Objects.requireNonNull(last.customers().get(customer)).programs().size());
    assertThat(events.get(0).getText()).contains("completed");
    // Their enrolments, each with the consent it rests on, and no one else's.
    long enrolments =
        last.enrolments().stream().filter(e -> e.customerId().equals(customer)).count();
    waiting()
        .until(
            d -> d.findElements(By.cssSelector("#enrolments tr.enrolment")).size() == enrolments);
    assertThat(browser.findElement(By.cssSelector("#enrolments tr.enrolment")).getText())
        .contains("enrolled", "active (control, meter data)");
    // Leaving the program reaches the VPP, which has finished its run and says so.
    browser.findElement(By.cssSelector("#enrolments tr.enrolment button.leave")).click();
    waiting().until(ExpectedConditions.alertIsPresent()).accept();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("message"), "the run is over"));
    assertThat(browser.findElement(By.cssSelector("#enrolments tr.enrolment button.revoke")))
        .isNotNull();
  }

  @Test
  void aWrongPasswordIsRefusedOnThePage() {
    logIn("alice", "not the password at all");
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("error"), "the user name or the password is wrong"));
    assertThat(browser.getCurrentUrl()).contains("/login.html");
  }

  @Test
  void aParticipantIsSentAwayFromTheOperatorsPage() {
    logIn("alice", PASSWORD);
    waiting().until(ExpectedConditions.urlContains("/participant.html"));
    browser.get(url("/"));
    waiting().until(ExpectedConditions.urlContains("/participant.html"));
  }
}
