package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded. Where either is missing
 * the run installs them when it can (as root, with apt) and otherwise fails naming the command. One browser per
 * instance, with its own cookies; {@link #close()} ends it.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver fonts-dejavu-core";
    static final int PHONE = 375;
    static final int DESKTOP = 1440;

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final List<String> consoleLog = new ArrayList<>();

    public Browser() {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                "--window-size=" + DESKTOP + ",1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.withMessage(this::situation).ignoring(StaleElementReferenceException.class);
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        viewport(DESKTOP);
    }

    /** Installs Chromium and its driver when missing and possible; otherwise fails with the exact command. */
    static synchronized void ensureInstalled() {
        if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            try {
                Process install = new ProcessBuilder("sh", "-c", "DEBIAN_FRONTEND=noninteractive " + INSTALL)
                        .inheritIO().start();
                assertEquals(0, install.waitFor(), "installing Chromium failed: " + INSTALL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "The console's browser tests need Debian's Chromium and chromedriver. Install them as root with: "
                        + INSTALL);
    }

    static String origin() {
        String base = LiveService.baseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(origin() + path);
        return this;
    }

    /** The CSS viewport exactly {@code width} wide (and 900 high), as a phone or a desktop shows it. */
    public void viewport(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Every request whose URL matches one of {@code patterns} ({@code *} any characters) fails; none: none does. */
    public void block(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    public WebElement find(String css) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The input, select or textarea whose label reads {@code label}. */
    public WebElement field(String label) {
        return wait.until(d -> {
            for (WebElement candidate : d.findElements(By.tagName("label"))) {
                if (candidate.getText().strip().equals(label) && !candidate.getAttribute("for").isEmpty()) {
                    List<WebElement> control = d.findElements(By.id(candidate.getAttribute("for")));
                    if (!control.isEmpty() && control.get(0).isDisplayed()) {
                        return control.get(0);
                    }
                }
            }
            return null;
        });
    }

    public Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Chooses the option reading {@code optionText}, once it is there (options may come from a later answer). */
    public Browser select(String label, String optionText) {
        WebElement select = wait.until(d -> {
            WebElement candidate = field(label);
            return candidate.findElements(By.tagName("option")).stream()
                    .anyMatch(option -> option.getText().strip().equals(optionText)) ? candidate : null;
        });
        new org.openqa.selenium.support.ui.Select(select).selectByVisibleText(optionText);
        return this;
    }

    /** Clicks the first visible, enabled button (or link styled as one) whose text or label is {@code text}. */
    public Browser click(String text) {
        WebElement button = wait.until(d -> d.findElements(By.cssSelector("button, a")).stream()
                .filter(b -> b.isDisplayed() && b.isEnabled()
                        && (text.equals(b.getText().strip()) || text.equals(b.getAttribute("aria-label"))))
                .findFirst().orElse(null));
        button.click();
        return this;
    }

    public String heading() {
        return find("h1").getText();
    }

    public void waitForHeading(String text) {
        wait.until(d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().strip().equals(text)));
    }

    public void waitForText(String text) {
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait longer = new WebDriverWait(driver, timeout);
        longer.withMessage(this::situation).ignoring(StaleElementReferenceException.class);
        return longer.until(condition);
    }

    /** What the page showed and logged when a wait ran out, for the failure message. */
    private String situation() {
        try {
            return "at " + driver.getCurrentUrl() + " the page reads:\n" + text() + "\nbrowser console: " + consoleLog();
        } catch (RuntimeException e) {
            return "the page cannot be read: " + e;
        }
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @SuppressWarnings("unchecked")
    public <T> T script(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    public <T> T asyncScript(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Everything the page wrote to the browser's console so far (CSP violations included). */
    public List<String> consoleLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            consoleLog.add(entry.getLevel() + " " + entry.getMessage());
        }
        return consoleLog;
    }

    /**
     * The page as it is now, at both widths: a full-page screenshot under {@code target/console-screenshots/}, no
     * horizontal scrolling, and axe finds no serious or critical WCAG 2.1 A/AA violation.
     */
    public void check(String page) {
        try {
            for (int width : List.of(PHONE, DESKTOP)) {
                viewport(width);
                script("return document.fonts.ready");
                Path file = Path.of(System.getProperty("escrow.screenshots.dir"), page + "-" + width + ".png");
                Files.createDirectories(file.getParent());
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                        Map.of("format", "png", "captureBeyondViewport", true));
                Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
                long overflow = script("return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow <= 0, page + " scrolls sideways at " + width + " px by " + overflow + " px");
                Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                        .analyze(driver);
                List<Rule> serious = results.getViolations().stream()
                        .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                        .toList();
                assertTrue(serious.isEmpty(), () -> page + " at " + width + " px: " + serious.stream()
                        .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                                .collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; ")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            viewport(DESKTOP);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
