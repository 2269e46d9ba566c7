package org.lienthong.hub.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts Debian's chromium, headless, through Debian's chromedriver. Both paths are given to Selenium, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. A machine without them fails the test: bin/test
 * installs them (apt-get install chromium chromium-driver) when it runs as root. Shared by the browser tests of the
 * static pages (auditor console, station page).
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        for (Path binary : new Path[] { CHROMIUM, CHROMEDRIVER }) {
            if (!Files.isExecutable(binary)) {
                fail(binary + " is missing: the browser tests need Debian's chromium and chromedriver."
                        + " Run the tests with bin/test, which installs them (as root: apt-get install -y chromium"
                        + " chromium-driver), or set CHROMIUM_BIN and CHROMEDRIVER_BIN.");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,2200", "--lang=vi", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--password-store=basic");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** What the page wrote to the browser console since the last call: for failure messages. */
    /** A wait of {@code timeout} whose failure shows the page's text and the browser console. */
    public static WebDriverWait waitFor(ChromeDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.withMessage(() -> "the page shows:\n" + driver.findElement(By.tagName("main")).getText()
                + "\nbrowser console:" + consoleLog(driver));
        return wait;
    }

    /** Opens one of the hub's pages and waits until its script has set {@code data-ready} on the body. */
    public static void open(ChromeDriver driver, WebDriverWait wait, String url) {
        driver.get(url);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /**
     * Signs in on a page's sign-in form as a user pastes a token (the whole token at once), and waits until the page
     * shows the application or the sign-in error.
     */
    public static void signIn(ChromeDriver driver, WebDriverWait wait, String token) {
        WebElement field = driver.findElement(By.id("token"));
        field.clear();
        driver.executeScript("arguments[0].value = arguments[1];", field, token);
        driver.findElement(By.id("signin-button")).click();
        wait.until(
                d -> d.findElement(By.id("app")).isDisplayed() || d.findElement(By.id("signin-error")).isDisplayed());
    }

    public static String consoleLog(ChromeDriver driver) {
        StringBuilder out = new StringBuilder();
        driver.manage().logs().get(LogType.BROWSER)
                .forEach(e -> out.append('\n').append(e.getLevel()).append(' ').append(e.getMessage()));
        return out.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
