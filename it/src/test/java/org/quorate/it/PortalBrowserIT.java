package org.quorate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quorate.it.support.Coalition.json;
import static org.quorate.it.support.Coalition.sha256Id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.quorate.it.support.Coalition;
import org.quorate.it.support.HttpApi;
import org.quorate.it.support.MissionEvents;
import org.quorate.it.support.NodeCredentials;
import org.quorate.it.support.OpenSsl;
import org.quorate.it.support.QuorateDeployment;
import org.quorate.it.support.QuorateServer;
import org.quorate.it.support.TestUser;

/**
 * The audit portal in a real browser (issue 16, SPEC §7): Debian's headless chromium driven by
 * Selenium through {@code /usr/bin/chromedriver}. A three-nation coalition (POL, LTU, LVA, policy
 * {@code operational}, T = 2 of 3, a POL node credential) adopts a proposal whose title is hostile
 * markup, with LVA's dissent; 300 further inputs name the mission (10 admitted contributions, 290
 * copies with a broken signature). An auditor logs in, goes from the missions list to the
 * dashboard, the decision story, an attestation's event page (lineage, log record, inclusion
 * proof), searches by id, by member and by title, verifies and exports the audit bundle, pages,
 * filters and sorts the mission's inputs (page size 50), sees an input error for a reversed
 * consistency check and honest empty states, and logs out; an operator sees the operator-only
 * action the auditor does not. On a failure, a screenshot and the page source of each open browser
 * go to {@code it/target/browser-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalBrowserIT {
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String HOSTILE_TITLE = "Open corridor <b>C</b><script>alert(1)</script>";
  private static final String RATIONALE = "Escort capacity is insufficient before the rotation.";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private MissionEvents events;
  private final Path screenshots = Path.of("target", "browser-screenshots");
  private final Path downloads = Path.of("target", "browser-downloads").toAbsolutePath();

  private OpenSsl openssl;
  private Path pol;
  private Path ltu;
  private Path lva;
  private Path node;
  private String mission;
  private WebDriver browser;
  private String step = "start";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return QuorateDeployment.ear();
  }

  @BeforeEach
  void browser() throws IOException {
    assertThat(new File(CHROMEDRIVER))
        .as("apt-get install chromium chromium-driver (.ci/run does)")
        .exists();
    Files.createDirectories(downloads);
    // Screenshots of an earlier run's failure are not this run's artefacts.
    if (Files.isDirectory(screenshots)) {
      try (var old = Files.list(screenshots)) {
        for (Path p : old.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    browser = chromium();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anAuditOfficerFollowsADecisionFromTheMissionListToItsEvidence() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      screenshot(browser, step);
      throw t;
    }
  }

  private void run() throws Exception {
    step("data");
    coalition();
    NodeCredentials.install(mission, node);
    String proposal = propose(HOSTILE_TITLE);
    submit(attestation(pol, "POL", proposal, "concur", null), pol);
    ObjectNode dissent = attestation(lva, "LVA", proposal, "dissent", RATIONALE);
    String dissentId = sha256Id(JSON.writeValueAsBytes(dissent));
    submit(dissent, lva);
    submit(attestation(ltu, "LTU", proposal, "concur", null), ltu);
    JsonNode decided = awaitFinal(proposal);
    assertThat(decided.path("status").asText()).isEqualTo("adopted");
    String decisionId = decided.path("decision").asText();
    signTreeHead();
    manyInputs();
    signTreeHead();

    step("login");
    long started = System.nanoTime();
    browser.get(QuorateServer.portal("missions.xhtml").toString());
    login(browser, TestUser.AUDITOR);
    assertThat(text(By.id("user"))).contains("auditor").contains("(auditor)");
    assertThat(text(By.id("clearance"))).isNotBlank();
    assertThat(browser.findElements(By.id("logout"))).hasSize(1);

    step("missions");
    WebElement genesis =
        browser.findElement(
            By.xpath("//tr[td//a[normalize-space()='" + mission + "']]//span[@title]"));
    assertThat(genesis.getAttribute("title"))
        .as("the whole genesis id as title")
        .startsWith("sha256:");
    assertThat(genesis.getText())
        .as("the genesis id shown short")
        .isEqualTo(genesis.getAttribute("title").substring(0, 19) + "…");
    browser.findElement(By.linkText(mission)).click();
    waitFor(By.id("dashboard"));

    step("dashboard");
    assertThat(browser.getTitle()).contains(mission);
    // The hostile title is shown as text, never run or rendered as markup.
    WebElement proposalLink =
        browser.findElement(By.cssSelector("#dashboard\\:decided a.proposal-link"));
    assertThat(proposalLink.getText()).isEqualTo(HOSTILE_TITLE);
    assertThat(browser.findElements(By.cssSelector("#dashboard b"))).isEmpty();
    assertThat(text(By.id("input-counts"))).contains("admitted").contains("rejected");
    assertThat(text(By.id("dashboard:decided"))).contains("1 dissent on record");
    assertThat(browser.getPageSource())
        .as("the layout's Facelets comment never reaches the browser")
        .doesNotContain("The portal's common layout");

    // Issue 16's path: which decisions did LVA dissent on, then the signed bytes and proofs of
    // one dissent, in three clicks from the dashboard (search, member, dissent).
    step("dissent path: search the member");
    search("LVA");
    browser.findElement(By.linkText("LVA in " + mission)).click();
    waitFor(By.id("dissent-list"));
    step("dissent path: member view");
    assertThat(text(By.id("dissent-list")))
        .contains(HOSTILE_TITLE)
        .contains("adopted")
        .contains("decided")
        .contains(RATIONALE);
    browser.findElement(By.cssSelector("#dissent-list a.dissent-link")).click();
    waitFor(By.id("facts"));
    step("dissent path: event page");
    assertThat(text(By.id("event-id"))).isEqualTo(dissentId);
    assertThat(browser.findElement(By.id("signed-content")).getAttribute("value"))
        .contains("\"verdict\":\"dissent\"")
        .contains(RATIONALE);
    assertThat(browser.findElement(By.id("signed-pem")).getAttribute("value"))
        .startsWith("-----BEGIN CMS-----");
    assertThat(browser.findElement(By.id("signed-download")).getAttribute("href"))
        .startsWith("data:application/pkcs7-mime;base64,MI");
    assertThat(browser.findElements(By.cssSelector(".log-record"))).isNotEmpty();
    assertThat(
            browser
                .findElement(
                    By.cssSelector(
                        ".q-proof textarea[readonly]:not(#signed-content):not(#signed-pem)"))
                .getAttribute("value"))
        .contains("\"auditPath\"");
    browser.findElement(By.cssSelector("#bears-on a.proposal-link")).click();
    waitFor(By.id("positions"));

    step("proposal");
    assertThat(text(By.id("state"))).contains("adopted").contains("2 of 2 concurs needed");
    assertThat(text(By.id("missing"))).isEqualTo("nothing: the proposal is decided");
    assertThat(text(By.id("positions"))).contains("LVA").contains("dissent").contains(RATIONALE);
    assertThat(browser.findElements(By.cssSelector("canvas"))).isNotEmpty();
    // The chart's script ran under the access work's Content Security Policy: Chart.js drew it.
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var c = document.querySelector('canvas');"
                                + " return !!(c && ((window.Chart && Chart.getChart"
                                + " && Chart.getChart(c)) || (window.PrimeFaces"
                                + " && Object.values(PrimeFaces.widgets).some("
                                + "function (w) { return w && w.chart; }))));")));
    // The x-axis is time: its tick labels are UTC times (hh:mm:ss), not minutes or indexes.
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var c = document.querySelector('canvas');"
                                + " var ch = window.Chart && Chart.getChart && Chart.getChart(c);"
                                + " return !!(ch && ch.scales.x.ticks.length"
                                + " && ch.scales.x.ticks.every(function (t) {"
                                + " return /^\\d\\d:\\d\\d:\\d\\d$/.test(t.label); }));")));
    cspAllowedEverything();
    assertThat(text(By.id("changes"))).contains("adopted");
    assertThat(browser.getPageSource()).contains(decisionId);
    // Every id links to its event page: the dissent's.
    browser.findElement(By.cssSelector("#dissents a.q-id[title='" + dissentId + "']")).click();
    waitFor(By.id("facts"));

    step("event");
    assertThat(text(By.id("event-id"))).isEqualTo(dissentId);
    assertThat(text(By.id("lineage")))
        .contains("CN=LVA Approving Authority")
        .contains("LVA Root CA");
    assertThat(text(By.id("fields"))).contains("Rationale").contains(RATIONALE);
    browser.findElement(By.cssSelector("#bears-on a.proposal-link")).click();
    waitFor(By.id("positions"));
    step("event: what points at the proposal");
    browser.findElement(By.cssSelector("#proposal a.q-id[title='" + proposal + "']")).click();
    waitFor(By.id("referrers"));
    assertThat(text(By.id("referrers")))
        .contains("attestation on it")
        .contains("LVA")
        .contains("dissent")
        .contains("decision certificate");
    browser.navigate().back();
    waitFor(By.id("positions"));

    step("search by id");
    search(dissentId);
    assertThat(text(By.id("results:hits"))).contains("event");
    WebElement found = browser.findElement(By.cssSelector("#results\\:hits a.hit span"));
    assertThat(found.getText())
        .as("the id shown short")
        .isEqualTo(dissentId.substring(0, 19) + "…");
    assertThat(found.getAttribute("title")).as("the whole id as title").isEqualTo(dissentId);
    browser.findElement(By.cssSelector("#results\\:hits a.hit")).click();
    waitFor(By.id("facts"));
    assertThat(text(By.id("event-id"))).isEqualTo(dissentId);

    step("search by title");
    search("corridor <b>");
    assertThat(text(By.id("results:hits"))).contains("proposal").contains(HOSTILE_TITLE);
    step("search by member");
    search("lva");
    assertThat(text(By.id("results:hits"))).contains("member").contains("LVA in " + mission);
    browser.findElement(By.linkText("LVA in " + mission)).click();
    waitFor(By.id("votes:positions"));
    step("member");
    assertThat(text(By.id("votes:positions"))).contains("dissent").contains(RATIONALE);
    assertThat(text(By.id("credentials"))).contains("CN=LVA Approving Authority");
    step("search without a match");
    search("no-such-thing-" + mission);
    assertThat(text(By.id("results:hits"))).contains("Nothing this node holds matches");

    step("search a verdict");
    search("bad-signature");
    assertThat(text(By.id("results:hits"))).contains("rejected (bad-signature) in " + mission);
    browser.findElement(By.linkText("rejected (bad-signature) in " + mission)).click();
    waitFor(By.id("mission:contributions"));
    assertThat(report()).endsWith(" of 290 inputs");

    step("not found");
    browser.get(QuorateServer.portal("no-such-page.xhtml").toString());
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    browser.get(QuorateServer.portal("event.xhtml?id=sha256:" + "0".repeat(64)).toString());
    assertThat(text(By.id("no-event"))).contains("This node holds no input or event with the id");

    step("quarantine");
    browser.get(QuorateServer.portal("quarantine.xhtml").toString());
    assertThat(text(By.id("quarantine:inputs"))).isNotBlank();

    step("audit: verify");
    browser.get(
        QuorateServer.portal("audit.xhtml?m=" + mission + "&p=" + proposal.replace(":", "%3A"))
            .toString());
    // A first visit verifies in the background; the page reloads itself until the report is kept.
    new WebDriverWait(browser, Duration.ofSeconds(180))
        .ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("checked-at")));
    assertThat(text(By.id("checked-at"))).contains("node log size");
    waitFor(By.id("audit:verify")).click();
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("audit:verdict")));
    assertThat(text(By.id("audit:verdict"))).startsWith("passed: all");
    assertThat(browser.findElements(By.cssSelector(".check-group"))).hasSizeGreaterThan(1);

    step("audit: export");
    try (var old = Files.list(downloads)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    browser.findElement(By.id("audit:export")).click();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              try (var files = Files.list(downloads)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith(mission + "-audit-") && n.endsWith(".zip"));
              }
            });

    step("mission: paginate");
    browser.get(QuorateServer.portal("mission.xhtml?m=" + mission).toString());
    waitFor(By.id("mission:contributions"));
    assertThat(report()).contains("1–50 of").contains(" inputs");
    long total = Long.parseLong(report().replaceAll(".* of (\\d+) inputs.*", "$1"));
    assertThat(total).isGreaterThanOrEqualTo(300);
    assertThat(rows()).isEqualTo(50);
    browser
        .findElement(By.cssSelector("#mission\\:contributions_paginator_top .ui-paginator-next"))
        .click();
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> report().startsWith("51–100 of"));
    assertThat(rows()).isEqualTo(50);

    step("mission: filter");
    WebElement outcomeFilter = browser.findElement(By.id("mission:contributions:outcome:filter"));
    outcomeFilter.sendKeys("admitted");
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> !report().endsWith(" of " + total + " inputs"));
    long admitted = Long.parseLong(report().replaceAll(".* of (\\d+) inputs.*", "$1"));
    assertThat(admitted).isLessThan(total).isGreaterThanOrEqualTo(10);
    outcomeFilter.clear();
    outcomeFilter.sendKeys("nothing-like-this");
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> text(By.id("mission:contributions")).contains("matches the filter"));

    step("mission: sort");
    browser.get(QuorateServer.portal("mission.xhtml?m=" + mission).toString());
    waitFor(By.id("mission:contributions"));
    browser
        .findElement(By.cssSelector("#mission\\:contributions\\:outcome .ui-column-title"))
        .click();
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector("#mission\\:contributions tbody tr"))
                    .get(0)
                    .getText()
                    .contains("admitted"));

    cspAllowedEverything();

    step("empty states");
    browser.get(QuorateServer.portal("mission.xhtml?m=NO-SUCH-" + mission).toString());
    assertThat(text(By.id("unknown-mission"))).contains("No mission named NO-SUCH-" + mission);
    browser.get(QuorateServer.portal("mission.xhtml?m=" + mission + "&outcome=held").toString());
    assertThat(text(By.id("mission:contributions")))
        .contains("No input of mission " + mission + " is held.");

    step("log: reversed consistency");
    browser.get(QuorateServer.portal("log.xhtml?m=" + mission).toString());
    List<String> sizes =
        browser.findElements(By.cssSelector("#from option")).stream()
            .map(o -> o.getAttribute("value"))
            .toList();
    assertThat(sizes).hasSizeGreaterThanOrEqualTo(2);
    browser.get(
        QuorateServer.portal(
                "log.xhtml?m=" + mission + "&from=" + sizes.get(1) + "&to=" + sizes.get(0))
            .toString());
    assertThat(text(By.id("check-result"))).startsWith("Input error");
    assertThat(browser.findElements(By.id("operator:sign"))).as("auditors sign nothing").isEmpty();

    step("logout");
    browser.findElement(By.id("logout")).click();
    waitFor(By.id("j_username"));
    browser.get(QuorateServer.portal("missions.xhtml").toString());
    waitFor(By.id("j_username"));
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println("PortalBrowserIT: the browser part took " + seconds + " s");

    step("operator");
    WebDriver operator = chromium();
    try {
      operator.get(QuorateServer.portal("log.xhtml?m=" + mission).toString());
      login(operator, TestUser.OPERATOR);
      new WebDriverWait(operator, WAIT)
          .until(ExpectedConditions.presenceOfElementLocated(By.id("operator:sign")));
      assertThat(operator.findElement(By.id("user")).getText()).contains("(operator)");
    } catch (Throwable t) {
      screenshot(operator, step);
      throw t;
    } finally {
      operator.quit();
    }
  }

  /**
   * Names the step a failure screenshot is named after; with {@code -Dit.portal.screenshots=all}
   * every step's page is saved too (for looking at the pages).
   */
  private void step(String name) {
    if ("all".equals(System.getProperty("it.portal.screenshots")) && browser != null) {
      screenshot(browser, "after-" + step);
    }
    step = name;
  }

  /**
   * The Content Security Policy of WEB-INF/undertow-handlers.conf refused nothing the pages loaded
   * since the last call (PrimeFaces' inline widget scripts, Ajax updates, styles, fonts).
   */
  private void cspAllowedEverything() {
    List<String> refused =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
            .toList();
    assertThat(refused).as("refused by the Content Security Policy").isEmpty();
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + tempDir("quorate-chromium-"));
    // The browser's console, to find Content Security Policy refusals (cspAllowedEverything).
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  private static String tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void login(WebDriver driver, TestUser user) {
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
    driver.findElement(By.id("j_username")).sendKeys(user.username());
    driver.findElement(By.id("j_password")).sendKeys(user.password());
    driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
  }

  private void search(String q) {
    WebElement page = browser.findElement(By.tagName("html"));
    WebElement box = waitFor(By.id("nav-q"));
    box.clear();
    box.sendKeys(q);
    browser.findElement(By.id("nav-search")).click();
    // From the search page itself, the old page's form is there until the new page replaces it.
    new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.stalenessOf(page));
    waitFor(By.id("search-form"));
  }

  private String report() {
    return browser
        .findElement(By.cssSelector("#mission\\:contributions_paginator_top .ui-paginator-current"))
        .getText();
  }

  private int rows() {
    return browser.findElements(By.cssSelector("#mission\\:contributions_data > tr")).size();
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private String text(By by) {
    // Found again if a page load or an Ajax update replaces it between finding and reading.
    return new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(by).getText());
  }

  private void screenshot(WebDriver driver, String name) {
    if (driver == null) {
      return;
    }
    try {
      Files.createDirectories(screenshots);
      String file = name.replaceAll("[^A-Za-z0-9-]+", "-");
      Files.write(
          screenshots.resolve(file + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(
          screenshots.resolve(file + ".html"),
          driver.getCurrentUrl() + "\n" + driver.getPageSource(),
          StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("no screenshot of step " + name + ": " + e);
    }
  }

  // --- data, as AuditIT makes it ---

  private void coalition() throws Exception {
    Path dir = Files.createTempDirectory("quorate-portal-it-");
    openssl = new OpenSsl(dir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    mission = "IT-PORTAL-" + HEX.formatHex(random).toUpperCase(Locale.ROOT);
    events = new MissionEvents(openssl, mission);
    Path polCa = openssl.rootCa("pol-ca", "/C=PL/O=Poland/CN=POL Root CA");
    Path ltuCa = openssl.rootCa("ltu-ca", "/C=LT/O=Lithuania/CN=LTU Root CA");
    Path lvaCa = openssl.rootCa("lva-ca", "/C=LV/O=Latvia/CN=LVA Root CA");
    pol = openssl.credential("pol", "/C=PL/O=Poland/CN=POL Approving Authority", polCa);
    ltu = openssl.credential("ltu", "/C=LT/O=Lithuania/CN=LTU Approving Authority", ltuCa);
    lva = openssl.credential("lva", "/C=LV/O=Latvia/CN=LVA Approving Authority", lvaCa);
    node = openssl.credential("pol-node", "/C=PL/O=Poland/CN=POL Quorate Node", polCa);

    ObjectNode g = JSON.createObjectNode();
    g.put("v", 1).put("type", "genesis").put("mission", mission).put("name", "IT " + mission);
    ArrayNode members = g.putArray("members");
    ObjectNode polMember = member("POL", polCa, "CN=POL Approving Authority,O=Poland,C=PL");
    ObjectNode nodeGrant = ((ArrayNode) polMember.get("grants")).addObject();
    nodeGrant.put("spki", openssl.spkiHash(node));
    nodeGrant.putArray("roles").add("node");
    members.add(polMember);
    members.add(member("LTU", ltuCa, "CN=LTU Approving Authority,O=Lithuania,C=LT"));
    members.add(member("LVA", lvaCa, "CN=LVA Approving Authority,O=Latvia,C=LV"));
    ObjectNode policy = g.putArray("policies").addObject();
    policy.put("name", "operational").put("version", 1).put("votingRole", "approving-authority");
    policy.putObject("threshold").put("fraction", "2/3").put("of", "members");
    policy.put("deadline", "PT1H");
    g.put("governancePolicy", "governance");
    HttpResponse<String> created =
        HttpApi.post("missions", JSON.writeValueAsBytes(g), "application/json", TestUser.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String genesisId = json(created.body()).path("genesisId").asText();
    for (Object[] f : new Object[][] {{pol, "POL"}, {ltu, "LTU"}, {lva, "LVA"}}) {
      ObjectNode e = event((Path) f[0], (String) f[1], "genesis-endorsement");
      e.putObject("body").put("genesis", genesisId);
      submit(e, (Path) f[0]);
    }
  }

  /** 10 admitted contributions of POL, then 290 copies of one with a broken signature. */
  private void manyInputs() throws IOException {
    byte[] signed = null;
    for (int i = 0; i < 10; i++) {
      ObjectNode c = event(pol, "POL", "contribution");
      String title = "Situation report " + i;
      c.putObject("body")
          .put("title", title)
          .put("digest", sha256Id(title.getBytes(StandardCharsets.UTF_8)))
          .putArray("references");
      signed = events.sign(c, pol);
      post(signed, "admitted");
    }
    for (int i = 0; i < 290; i++) {
      byte[] broken = signed.clone();
      // The signature value ends the DER: changing its last two bytes breaks only the signature.
      broken[broken.length - 1] = (byte) i;
      broken[broken.length - 2] = (byte) (0x40 + (i >> 8));
      post(broken, "rejected");
    }
  }

  private static void post(byte[] der, String expected) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r.body()).path("outcome").asText()).as(r.body()).isEqualTo(expected);
  }

  private void signTreeHead() {
    HttpResponse<String> r =
        HttpApi.post(
            "missions/" + mission + "/log/sth", new byte[0], "application/json", TestUser.OPERATOR);
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }

  private String propose(String title) throws IOException {
    ObjectNode proposal = event(pol, "POL", "proposal");
    proposal
        .putObject("body")
        .put("policy", "operational")
        .put("title", title)
        .put("text", "Escorts at 06:00Z.")
        .putNull("action");
    submit(proposal, pol);
    return sha256Id(JSON.writeValueAsBytes(proposal));
  }

  private static ObjectNode member(String id, Path ca, String grantSubject) {
    return Coalition.member(id, ca, grantSubject);
  }

  private ObjectNode event(Path cert, String member, String type) {
    return events.event(cert, member, type);
  }

  private ObjectNode attestation(
      Path cert, String member, String proposal, String verdict, String rationale) {
    return events.attestation(cert, member, proposal, verdict, rationale);
  }

  private void submit(ObjectNode event, Path cert) {
    post(events.sign(event, cert), "admitted");
  }

  private JsonNode awaitFinal(String proposal) {
    JsonNode[] decided = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              HttpResponse<String> r =
                  HttpApi.get("missions/" + mission + "/proposals/" + proposal, TestUser.AUDITOR);
              decided[0] = json(r.body());
              assertThat(decided[0].path("final").asBoolean()).as(r.body()).isTrue();
            });
    return decided[0];
  }
}
