package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The face's pages in a real headless Chromium (Debian's, through its chromedriver), on a service
 * of an in-memory world: a person signs up and enrols their battery; an operator creates and
 * cancels an event on the dashboard. No script throws and no request fails on the way.
 */
class WebPagesBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  World world;
  WebDriver browser;
  Path profile;

  @BeforeEach
  void start() throws Exception {
    assertThat(new File(CHROMIUM).canExecute())
        .as("Chromium at %s: apt-get install chromium chromium-driver", CHROMIUM)
        .isTrue();
    world = new World(START);
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
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(
        "document.getElementById('eventStart').value = toLocalInput(new Date(arguments[0]));"
            + "document.getElementById('eventEnd').value = toLocalInput(new Date(arguments[1]));",
        start.toString(),
        start.plus(Duration.ofHours(2)).toString());
    browser.findElement(By.id("createSubmit")).click();
    rows("#events tr.event", 1);
    assertThat(browser.findElement(By.cssSelector("#events tr.event .state")).getText())
        .isEqualTo("scheduled");
    assertThat(world.service.events().events()).hasSize(1);
    browser.findElement(By.cssSelector("#events tr.event button.cancel")).click();
    waiting().until(ExpectedConditions.alertIsPresent()).accept();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#events tr.event .state"), "cancelled"));
    assertThat(browser.findElement(By.id("powerChart")).getDomAttribute("data-points"))
        .isNotEqualTo("0");
    screenshot("dashboard");
    assertThat(errors()).isEmpty();
  }
}
