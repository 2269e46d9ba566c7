package org.lienthong.hub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.EvaluationQueue;
import org.lienthong.hub.testing.HeadlessChromium;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;
import org.lienthong.hub.warning.NoDataMonitor;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The station page (/stations/) in a real headless chromium against the running hub and its real evaluator: a station,
 * a warning rule with two levels and readings that raise a warning are made through the API; the page, signed in with a
 * pasted token, must draw one mark per reading, both levels' threshold and clear lines, the warning as a band in its
 * risk level's colour linked to its threat, an active warning up to the last reading and a silent station's data gap;
 * and text from the API must stay text.
 */
@QuarkusTest
class StationConsoleBrowserTest {

    /** Readings start here, every 10 minutes (apart from EarlyWarningResourceTest's series). */
    static final Instant T0 = Instant.parse("2026-11-12T00:00:00Z");

    /** Decision 18/2021 colours of the bands (RISK in stations.js). */
    static final Map<Integer, String> BAND = Map.of(1, "#9fd8f6", 2, "#fff59d", 3, "#ffa726", 4, "#ef5350", 5,
            "#ab47bc");

    static final String MARKUP = "<img src=x onerror=\"window.__pwned=1\">";

    static ChromeDriver driver;

    @TestHTTPResource("/stations/")
    URL page;

    @Inject
    DataSource dataSource;

    @Inject
    NoDataMonitor noData;

    record Site(String org, String station, String writer) {
    }

    record Episode(String threatId, String status, int level, String startedAt, String endedAt) {
    }

    @BeforeAll
    static void startBrowser() {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void thePageIsServedWithoutATokenUnderTheConsolesContentSecurityPolicy() {
        String csp = given().get("/stations/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe"))).header("Cache-Control", "no-cache")
                .extract().header("Content-Security-Policy");
        assertTrue(csp.contains("form-action 'none'") && csp.contains("frame-ancestors 'none'"), csp);
        String html = given().get("/stations/").asString();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(html).find(), html);
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                html);
        for (String file : List.of("/stations/stations.js", "/stations/stations.css", "/audit/console.css")) {
            given().get(file).then().statusCode(200).header("Content-Security-Policy", csp);
        }
        given().get("/api/v1/stations?limit=1").then().statusCode(401);
    }

    @Test
    void readingsThresholdsAndAnEndedWarningAreDrawnAndTheBandLinksToItsThreat() throws Exception {
        Site s = site("st-plot", "Trạm Câu Lâu");
        String rule = floodRule(s, "Lũ sông Thu Bồn", "PT30M", "");
        double[] series = { 2.5, 3.2, 3.3, 3.4, 3.5, 2.7, 2.6, 2.9, 2.7, 2.6, 2.5, 2.4, 2.3 };
        List<String> times = send(s, T0, series);
        evaluated();
        List<Episode> episodes = episodes(s, rule);
        assertEquals(1, episodes.size(), episodes.toString());
        Episode episode = episodes.get(0);
        assertEquals("ended", episode.status());
        assertEquals(2, episode.level());
        String threatTitle = given().header("Authorization", s.writer()).get("/api/v1/threats/" + episode.threatId())
                .then().statusCode(200).extract().path("title");

        open();
        signIn(Tokens.token(s.org(), "reader"));
        showStation(s.station(), "water-level");

        // one mark per reading, at its time and value, and a line through all of them
        List<WebElement> marks = driver.findElements(By.cssSelector("#chart circle.reading"));
        assertEquals(times, marks.stream().map(m -> m.getDomAttribute("data-time")).toList());
        assertEquals(Arrays.stream(series).mapToObj(StationConsoleBrowserTest::js).toList(),
                marks.stream().map(m -> m.getDomAttribute("data-value")).toList());
        WebElement line = driver.findElement(By.cssSelector("#chart path.series-line"));
        assertEquals(String.valueOf(series.length), line.getDomAttribute("data-points"));
        assertEquals(series.length, line.getDomAttribute("d").split("[ML]").length - 1, "one vertex per reading");
        // higher values are drawn higher
        assertTrue(cy(marks.get(4)) < cy(marks.get(0)), "3.5 above 2.5");

        // both levels: a solid line where the level is entered, a dashed one where it is cleared, labelled
        WebElement enter2 = threshold("enter", 2);
        WebElement enter3 = threshold("enter", 3);
        WebElement clear2 = threshold("clear", 2);
        WebElement clear3 = threshold("clear", 3);
        assertEquals(List.of("3", "4", "2.8", "3.8"),
                List.of(enter2, enter3, clear2, clear3).stream().map(e -> e.getDomAttribute("data-value")).toList());
        assertNull(enter2.getDomAttribute("stroke-dasharray"), "entering a level: a solid line");
        assertEquals("6 4", clear2.getDomAttribute("stroke-dasharray"), "clearing a level: a dashed line");
        assertEquals("6 4", clear3.getDomAttribute("stroke-dasharray"));
        assertTrue(y(enter3) < y(clear3) && y(clear3) < y(enter2) && y(enter2) < y(clear2), "4 > 3.8 > 3 > 2.8");
        assertTrue(cy(marks.get(4)) < y(enter2) && cy(marks.get(0)) > y(enter2), "3.5 above the 3 m line, 2.5 under");
        List<String> labels = driver.findElements(By.cssSelector("#chart text.threshold-label")).stream()
                .map(WebElement::getText).toList();
        assertTrue(
                labels.containsAll(List.of("Cấp 2 ≥ 3 m", "Cấp 3 ≥ 4 m", "hết cấp 2: < 2,8 m", "hết cấp 3: < 3,8 m")),
                labels.toString());

        // the warning: one band in level 2's colour over its time span, linked to its threat
        List<WebElement> bands = driver.findElements(By.cssSelector("#chart rect.episode"));
        assertEquals(1, bands.size());
        WebElement band = bands.get(0);
        assertEquals("2", band.getDomAttribute("data-risk-level"));
        assertEquals(BAND.get(2), band.getDomAttribute("fill"));
        assertEquals(episode.threatId(), band.getDomAttribute("data-threat"));
        assertEquals(cx(mark(episode.startedAt())), num(band, "x"), 0.02, "the band starts at the reading it started");
        assertEquals(cx(mark(episode.endedAt())), num(band, "x") + num(band, "width"), 0.02,
                "and ends at the reading that ended it");
        WebElement bandLink = band.findElement(By.xpath(".."));
        assertEquals("a", bandLink.getTagName());
        assertTrue(bandLink.getDomAttribute("href").endsWith("/audit/#threat/" + episode.threatId()),
                bandLink.getDomAttribute("href"));
        assertTrue(driver.findElements(By.cssSelector("#chart .data-gap")).isEmpty(), "no data gap at this station");

        // the episode table names the threat and links to it twice: the audit console and the API
        WebElement row = driver
                .findElement(By.cssSelector("table.episodes-table tr[data-threat='" + episode.threatId() + "']"));
        assertTrue(row.getText().contains(threatTitle), row.getText());
        assertTrue(row.getText().contains("Cấp 2") && row.getText().contains("đã kết thúc"), row.getText());
        String audit = row.findElement(By.cssSelector("a.threat-link.audit")).getDomProperty("href");
        assertEquals(page.toString().replace("/stations/", "/audit/#threat/") + episode.threatId(), audit);
        assertTrue(row.findElement(By.cssSelector("a.threat-link.api")).getDomProperty("href")
                .endsWith("/api/v1/threats/" + episode.threatId()));

        // the rule's levels, and every reading, as tables too; the plot is described for a screen reader
        assertEquals(2, driver.findElements(By.cssSelector("table.rules-table tbody tr")).size());
        assertEquals(series.length, driver.findElements(By.cssSelector("table.readings-table tbody tr")).size());
        WebElement chart = driver.findElement(By.id("chart"));
        assertEquals("img", chart.getDomAttribute("role"));
        assertEquals("chart-title chart-desc", chart.getDomAttribute("aria-labelledby"));
        String desc = (String) driver.executeScript("return document.getElementById('chart-desc').textContent");
        assertTrue(desc.startsWith("13 số đo") && desc.contains("cấp 2 khi ≥ 3 m") && desc.contains("1 đợt cảnh báo"),
                desc);

        // the token is in the page's memory only
        assertEquals(List.of(0L, 0L, ""),
                driver.executeScript("return [localStorage.length, sessionStorage.length, document.cookie]"));
        assertTrue(driver.getCurrentUrl().endsWith("/stations/#station=" + s.station() + "&indicator=water-level"),
                driver.getCurrentUrl());
        assertFalse(driver.getCurrentUrl().contains("eyJ"), "no token in the address");
        assertEquals("", driver.findElement(By.id("token")).getDomProperty("value"));
        Path shot = screenshot("target/station-console.png");

        driver.findElement(By.id("lang-en")).click();
        assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        labels = driver.findElements(By.cssSelector("#chart text.threshold-label")).stream().map(WebElement::getText)
                .toList();
        assertTrue(labels.containsAll(List.of("Level 2 ≥ 3 m", "Level 3 ≥ 4 m", "clears level 2: < 2.8 m")),
                labels.toString());
        assertTrue(driver.findElement(By.cssSelector("table.episodes-table tbody tr")).getText().contains("ended"));
        assertEquals("Warnings (episodes)", driver.findElement(By.cssSelector("#episodes-section h3")).getText());
        screenshot("target/station-console-en.png");
        assertTrue(Files.size(shot) > 0);

        // the link opens the threat in the audit console (signed in there: the token never travels between pages)
        driver.get(audit);
        waitFor().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        signIn(Tokens.token(s.org(), "auditor"));
        waitFor().until(d -> !d.findElements(By.cssSelector("#timeline > li.version")).isEmpty());
        assertEquals(episode.threatId(), driver.findElement(By.id("record-id")).getDomProperty("value"));
        assertTrue(driver.findElement(By.id("record-title")).getText().contains(threatTitle),
                driver.findElement(By.id("record-title")).getText());
    }

    @Test
    void anActiveWarningRunsToTheLastReadingAndASilentStationIsMarked() throws Exception {
        Site s = site("st-gap", "Trạm Ái Nghĩa");
        String rule = floodRule(s, "Lũ sông Vu Gia", "PT0S", ", \"noDataAfter\": \"PT1H\"");
        List<String> times = send(s, T0, 2.0, 3.5, 4.2, 4.3);
        evaluated();
        noData.check(T0.plus(Duration.ofHours(3)));
        String gapSince = given().header("Authorization", s.writer()).get("/api/v1/stations/" + s.station()).then()
                .statusCode(200).extract().path("dataGapSince");
        assertEquals(times.get(3), gapSince, "silent since its last reading");
        Episode episode = episodes(s, rule).get(0);
        assertEquals("active", episode.status());
        assertEquals(3, episode.level());

        open();
        signIn(Tokens.token(s.org(), "reader"));
        showStation(s.station(), "water-level");

        WebElement band = driver.findElement(By.cssSelector("#chart rect.episode"));
        assertEquals("active", band.getDomAttribute("data-status"));
        assertEquals(BAND.get(3), band.getDomAttribute("fill"), "level 3: orange");
        assertNull(band.getDomAttribute("data-ended"));
        assertEquals(cx(mark(episode.startedAt())), num(band, "x"), 0.02);
        assertEquals(cx(mark(times.get(3))), num(band, "x") + num(band, "width"), 0.02,
                "an active warning lasts until the last reading");

        WebElement gap = driver.findElement(By.cssSelector("#chart g.data-gap"));
        assertEquals(gapSince, gap.getDomAttribute("data-since"));
        WebElement area = gap.findElement(By.cssSelector("rect.data-gap-area"));
        assertEquals(cx(mark(gapSince)), num(area, "x"), 0.02, "the gap starts at the last reading");
        assertTrue(num(area, "width") > 20, "and runs on to the right edge");
        assertTrue(gap.findElement(By.cssSelector("text.data-gap-label")).getText().startsWith("Mất số liệu từ"));
        WebElement note = driver.findElement(By.id("gap-note"));
        assertTrue(note.isDisplayed() && note.getText().startsWith("Trạm không gửi số liệu từ"), note.getText());
        assertTrue(
                driver.findElement(By.cssSelector("table.episodes-table tbody tr")).getText().contains("đang diễn ra"));
        screenshot("target/station-console-gap.png");
    }

    @Test
    void markupFromTheApiIsShownAsText() throws Exception {
        Site s = site("st-xss", "Trạm " + MARKUP);
        String ruleName = "<b>Lũ</b><script>window.__pwned=2</script>";
        floodRule(s, ruleName, "PT0S", "");
        send(s, T0, 2.0, 3.5);
        evaluated();

        open();
        signIn(Tokens.token(s.org(), "reader"));
        showStation(s.station(), "water-level");

        assertEquals("Trạm " + MARKUP + " (" + s.station() + ")", driver.findElement(By.id("station-title")).getText());
        assertTrue(driver.findElement(By.cssSelector("table.rules-table")).getText().contains(ruleName));
        // the threat's title is made from the station's name: markup again, shown as text
        assertTrue(driver.findElement(By.cssSelector("table.episodes-table .threat-title")).getText().contains(MARKUP));
        String title = (String) driver.executeScript("return document.getElementById('chart-title').textContent");
        assertTrue(title.contains(MARKUP), title);
        assertEquals(List.of(0L, 0L, 0L, true),
                driver.executeScript("return [document.querySelectorAll('img').length,"
                        + " document.querySelectorAll('main script, main b').length,"
                        + " document.querySelectorAll('script').length - 1, window.__pwned === undefined]"));
    }

    @Test
    void refusalsAndUnknownStationsAreExplainedPlainly() throws Exception {
        Site s = site("st-refuse", "Trạm Giao Thủy");
        open();
        signIn(Tokens.forged(s.org(), "reader"));
        assertEquals("Token không hợp lệ (sai, hết hạn hoặc không được hub này tin cậy).", signInError());
        assertFalse(driver.findElement(By.id("app")).isDisplayed());
        signIn(Tokens.token(s.org(), "reader"));
        assertTrue(driver.findElement(By.id("app")).isDisplayed());

        // the station is in the pick list, and a station without rules or readings is shown as such
        assertTrue(driver.findElements(By.cssSelector("#station-options option")).stream()
                .anyMatch(o -> s.station().equals(o.getDomAttribute("value"))));
        showStation(s.station(), "water-level");
        assertEquals("0", driver.findElement(By.id("chart")).getDomAttribute("data-readings"));
        assertTrue(driver.findElement(By.id("rules")).getText()
                .contains("Không có quy tắc cảnh báo nào theo dõi trạm và chỉ tiêu này."));

        pick("vn.no-such-station", "water-level");
        assertEquals("Không tìm thấy trạm (hoặc bạn không được phép xem).", message());
        pick("Not A Code", "water-level");
        driver.findElement(By.id("lang-en")).click();
        assertEquals("A station code has lower-case letters, digits, “.” and “-” only, e.g. vn.nchmf.long-bien.",
                message());
        driver.findElement(By.id("sign-out")).click();
        assertTrue(driver.findElement(By.id("signin")).isDisplayed());
    }

    // ------------------------------------------------------------------ the hub's side

    static Site site(String prefix, String name) {
        String org = Tokens.freshOrg(prefix);
        Orgs.ensure(org);
        String station = org + ".gauge";
        String writer = Tokens.bearer(org, "writer");
        String body = """
                {"code": %s, "name": %s, "classification": "public",
                 "location": {"description": "Sông Thu Bồn", "adminCodes": ["49"],
                              "geometry": {"type": "Point", "coordinates": [108.3287, 15.8801]}},
                 "attributes": {"zone": 2, "basin": "Thu Bồn"}}""".formatted(json(station), json(name));
        given().header("Authorization", writer).contentType(ContentType.JSON).body(body).post("/api/v1/stations").then()
                .statusCode(201);
        return new Site(org, station, writer);
    }

    /** Levels 2 and 3 at 3 m and 4 m, cleared at 2.8 m and 3.8 m, each held for {@code hold}. */
    static String floodRule(Site s, String name, String hold, String extra) {
        return given().header("Authorization", s.writer()).contentType(ContentType.JSON).body("""
                {"name": %s, "indicator": "water-level", "stations": ["%s"],
                 "levels": [{"riskLevel": 2, "above": 3.0, "clear": 2.8, "for": "%s"},
                            {"riskLevel": 3, "above": 4.0, "clear": 3.8, "for": "%s"}],
                 "hazardCode": "MH0600", "domain": "climate", "classification": "public",
                 "title": "Lũ tại {station.name}: {value} {unit}, cấp {riskLevel}",
                 "effectiveFrom": "2026-01-01T00:00:00Z"%s}""".formatted(json(name), s.station(), hold, hold, extra))
                .post("/api/v1/warning-rules").then().statusCode(201).extract().path("id");
    }

    /** Readings every 10 minutes from {@code start}; their times as the API writes them. */
    static List<String> send(Site s, Instant start, double... values) {
        List<String> items = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant t = start.plus(Duration.ofMinutes(10L * i));
            times.add(t.toString());
            items.add("{\"station\": \"" + s.station() + "\", \"indicator\": \"water-level\", \"time\": \"" + t
                    + "\", \"value\": " + values[i] + "}");
        }
        int created = given().header("Authorization", s.writer()).contentType(ContentType.JSON)
                .body("[" + String.join(",", items) + "]").post("/api/v1/observations").then().statusCode(200).extract()
                .path("created");
        assertEquals(values.length, created);
        return times;
    }

    /** Waits until the evaluation queue is empty: everything committed has been evaluated. */
    void evaluated() throws Exception {
        EvaluationQueue.drained(dataSource);
    }

    static List<Episode> episodes(Site s, String rule) {
        List<Map<String, Object>> items = given().header("Authorization", s.writer())
                .get("/api/v1/warning-rules/" + rule + "/episodes").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().map(e -> new Episode((String) e.get("threatId"), (String) e.get("status"),
                (Integer) e.get("level"), (String) e.get("startedAt"), (String) e.get("endedAt"))).toList();
    }

    static String json(String text) {
        return Bodies.JSON.valueToTree(text).toString();
    }

    /** A double as JavaScript's String(value) writes it: 3.0 is "3". */
    static String js(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    // ------------------------------------------------------------------ the page's side

    void open() {
        HeadlessChromium.open(driver, waitFor(), page.toString());
    }

    static void signIn(String token) {
        HeadlessChromium.signIn(driver, waitFor(), token);
    }

    static void pick(String station, String indicator) {
        WebElement field = driver.findElement(By.id("station"));
        field.clear();
        field.sendKeys(station);
        new Select(driver.findElement(By.id("indicator"))).selectByValue(indicator);
        driver.findElement(By.id("show-button")).click();
    }

    /** Picks a station and indicator and waits until the plot and the threats' titles are there. */
    static void showStation(String station, String indicator) {
        pick(station, indicator);
        waitFor().until(d -> "ready".equals(d.findElement(By.id("station-view")).getDomAttribute("data-state"))
                && d.findElement(By.id("station-title")).getText().contains(station));
    }

    static WebElement threshold(String kind, int level) {
        List<WebElement> found = driver.findElements(
                By.cssSelector("#chart line.threshold[data-kind='" + kind + "'][data-risk-level='" + level + "']"));
        assertEquals(1, found.size(), kind + " line of level " + level);
        return found.get(0);
    }

    static WebElement mark(String time) {
        return driver.findElement(By.cssSelector("#chart circle.reading[data-time='" + time + "']"));
    }

    static double num(WebElement e, String attribute) {
        return Double.parseDouble(e.getDomAttribute(attribute));
    }

    static double cx(WebElement circle) {
        return num(circle, "cx");
    }

    static double cy(WebElement circle) {
        return num(circle, "cy");
    }

    static double y(WebElement line) {
        assertEquals(line.getDomAttribute("y1"), line.getDomAttribute("y2"), "horizontal");
        return num(line, "y1");
    }

    static String signInError() {
        return waitFor().until(d -> {
            WebElement e = d.findElement(By.id("signin-error"));
            return e.isDisplayed() ? e.getText() : null;
        });
    }

    static String message() {
        return waitFor().until(d -> {
            WebElement e = d.findElement(By.id("message"));
            return e.isDisplayed() && !e.getText().isEmpty() ? e.getText() : null;
        });
    }

    static WebDriverWait waitFor() {
        return HeadlessChromium.waitFor(driver, Duration.ofSeconds(15));
    }

    /** Saves a screenshot and checks it is a PNG with the window's size. */
    static Path screenshot(String file) throws Exception {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 1000, image.getWidth() + "×" + image.getHeight());
        Path path = Path.of(file);
        Files.write(path, png);
        return path;
    }
}
