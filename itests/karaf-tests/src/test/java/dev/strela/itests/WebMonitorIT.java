package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web monitor in a real browser (Debian's headless Chromium driven by Selenium) against the real distribution:
 * sign in with the console's user, see the component tiles, see an error the test provoked appear without a reload,
 * see a replay's equity curve drawn with all its points, stop trading with a reason and find the flag in the database
 * and on the page. Without credentials every endpoint answers 401; a cross-site POST is refused; HTTP listens on
 * 127.0.0.1 only. Screenshots of the page go to {@code target/web-monitor.png} and (its equity charts)
 * {@code target/web-monitor-equity.png}.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them): without them the test is skipped, saying so, except under
 * {@code CI=true}, where it fails.
 */
class WebMonitorIT {

    private static final String TAG = "web-it";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final List<String> GETS = List.of("/strela/", "/strela/index.html", "/strela/api/session",
            "/strela/api/status", "/strela/api/health", "/strela/api/trading-control", "/strela/api/errors",
            "/strela/api/positions", "/strela/api/orders", "/strela/api/trades", "/strela/api/signals", "/strela/api/runs",
            "/strela/api/equity");
    private static final List<String> POSTS = List.of("/strela/api/trading-control/stop-trading",
            "/strela/api/trading-control/resume", "/strela/api/trading-control/safe-mode-on",
            "/strela/api/trading-control/safe-mode-off");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void monitor_inChromium_thenTilesProvokedErrorReplayEquityAndStopTradingWithoutReload() throws Exception {
        requireBrowser();
        long seed = Long.getLong("strela.it.web.seed", 20241126L);
        KarafProcess karaf = KarafProcess.unpack(TAG, seed);
        int port = KarafProcess.freeLoopbackPort();
        karaf.setProperty("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(port));
        String base = "http://127.0.0.1:" + port;
        Path candles = ReplayCrashIT.Candles.write(karaf.folder().resolve("candles.csv"), seed);
        karaf.guard(() -> {
            karaf.start();
            karaf.awaitDatabase(ReplayCrashIT.FIRST_START);
            ReplayCrashIT.setUp(karaf, candles);
            String replay = replay(karaf);
            String password = Files.readAllLines(karaf.home().resolve("etc/strela-console.password")).get(0).trim();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("strela:" + password).getBytes(StandardCharsets.UTF_8));
            karaf.await("the monitor answering", Duration.ofSeconds(60), () -> status(get(base + "/strela/api/health", basic)) == 200);

            listensOnLoopbackOnly(port);
            everyEndpointWithoutCredentials401(base);
            crossSitePostRefused(base, basic);

            WebDriver browser = browser(karaf.folder());
            try {
                signIn(browser, base, password);
                WebDriverWait wait = new WebDriverWait(browser, PAGE);
                wait.until(d -> !d.findElements(By.cssSelector("#tiles .tile")).isEmpty());
                List<String> tiles = browser.findElements(By.cssSelector("#tiles .tile")).stream()
                        .map(t -> t.getAttribute("id") + "=" + t.getAttribute("data-level")).toList();
                log("tiles: %s", tiles);
                assertThat(tiles).as("component tiles with their level").isNotEmpty()
                        .allMatch(t -> t.matches("tile-[a-z_]+=(green|amber|red)"));

                // an error provoked now appears on the open page, no reload
                JavascriptExecutor script = (JavascriptExecutor) browser;
                script.executeScript("window.strelaMark = 42;");
                long errorId = provokeError(karaf);
                wait.until(d -> !d.findElements(By.cssSelector("#errors-table tr[data-id='" + errorId + "']")).isEmpty());
                WebElement row = browser.findElement(By.cssSelector("#errors-table tr[data-id='" + errorId + "']"));
                log("provoked error %d on the page: %s", errorId, row.getText());
                assertThat(script.executeScript("return window.strelaMark;")).as("the page was not reloaded").isEqualTo(42L);

                // the replay's equity curve, every point the API gives
                String curve = body(get(base + "/strela/api/equity?run=" + replay, basic));
                int points = count(curve, "\"at\":");
                assertThat(points).as("equity points of %s from the API", replay).isGreaterThan(10);
                new Select(browser.findElement(By.id("replay-run"))).selectByValue(replay);
                wait.until(d -> Integer.toString(points).equals(d.findElement(By.id("replay-chart")).getAttribute("data-points")));
                log("replay chart of %s drawn with %d points", replay, points);

                // stop trading with a reason: the flag in the database and the banner on the page
                String reason = "web monitor test " + seed;
                browser.findElement(By.id("stop-reason")).sendKeys(reason);
                browser.findElement(By.id("stop-trading")).click();
                karaf.await("stop_trading in the database", PAGE, () -> karaf.count(
                        "SELECT count(*) FROM trading_control WHERE stop_trading AND reason = '" + reason + "' AND changed_by LIKE '%strela%'") == 1);
                wait.until(d -> d.findElement(By.id("banner")).isDisplayed()
                        && d.findElement(By.id("banner")).getText().contains("TRADING STOPPED"));
                log("banner: %s", browser.findElement(By.id("banner")).getText());

                Path shot = Path.of("target", "web-monitor.png").toAbsolutePath();
                Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                script.executeScript("document.getElementById('equity').scrollIntoView();");
                Path charts = Path.of("target", "web-monitor-equity.png").toAbsolutePath();
                Files.write(charts, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                log("screenshots %s (top of the page) and %s (the equity charts)", shot, charts);
            } finally {
                browser.quit();
            }
            karaf.stop();
            karaf.assertPostgresStopped();
        });
    }

    /** Debian's Chromium and its driver, or a skip that says why (a failure in CI, which installs them). */
    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs Debian's chromium and"
                    + " chromium-driver");
        }
        Assumptions.assumeTrue(present, "skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)");
    }

    private static WebDriver browser(Path folder) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network but loopback here: Chromium's own background connections are switched off
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createDirectories(folder.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver browser, String base, String password) {
        browser.get(base + "/strela/");
        WebDriverWait wait = new WebDriverWait(browser, PAGE);
        wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
        browser.findElement(By.id("username")).sendKeys("strela");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait.until(d -> !d.findElements(By.id("tiles")).isEmpty());
    }

    /** A candle file with one malformed line: the import refuses it with a live_errors row; returns its id. */
    private static long provokeError(KarafProcess karaf) throws Exception {
        long before = karaf.count("SELECT coalesce(max(id), 0) FROM live_errors");
        Path bad = karaf.folder().resolve("malformed.csv");
        Files.writeString(bad, "x;2024-03-18T07:00:00Z;100;100.5;101;99;10;\nx;not-a-time;1;2;3;4;5;\n");
        log("strela:import %s%n%s", bad, karaf.console("strela:import --instrument rc-a " + bad).stripTrailing());
        karaf.await("the malformed line in live_errors", PAGE, () -> karaf.count("SELECT count(*) FROM live_errors WHERE id > " + before) > 0);
        return karaf.count("SELECT max(id) FROM live_errors WHERE id > " + before);
    }

    private static String replay(KarafProcess karaf) throws Exception {
        String out = karaf.consoleWhenReady(ReplayCrashIT.REPLAY, Duration.ofSeconds(120));
        Matcher m = ReplayCrashIT.STARTED.matcher(out);
        if (!m.find()) {
            fail("no replay started by '" + ReplayCrashIT.REPLAY + "':\n" + out);
        }
        String runId = m.group(1);
        karaf.await("replay " + runId + " to end", Duration.ofSeconds(180),
                () -> !"running".equals(ReplayCrashIT.figures(karaf, runId).status()));
        assertThat(ReplayCrashIT.figures(karaf, runId).status()).isEqualTo("finished");
        return runId;
    }

    /**
     * {@code ss -ltn}: every socket on the monitor's port is bound to 127.0.0.1 (Jetty's IPv6 socket shows it as the
     * IPv4-mapped {@code [::ffff:127.0.0.1]}, which also accepts only connections to 127.0.0.1).
     */
    private static void listensOnLoopbackOnly(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        log("ss -ltn sport = :%d%n%s", port, out.stripTrailing());
        List<String> locals = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4) {
                locals.add(columns[3]);
            }
        }
        assertThat(locals).as("listening sockets on port %d", port).isNotEmpty()
                .allMatch(local -> local.equals("127.0.0.1:" + port) || local.equals("[::ffff:127.0.0.1]:" + port));
    }

    private void everyEndpointWithoutCredentials401(String base) throws Exception {
        List<String> answers = new ArrayList<>();
        for (String path : GETS) {
            answers.add("GET " + path + " " + status(get(base + path, null)));
        }
        for (String path : POSTS) {
            answers.add("POST " + path + " " + status(post(base + path, null, base, "reason=x")));
        }
        log("without credentials: %s", answers);
        assertThat(answers).allMatch(a -> a.endsWith(" 401"));
    }

    /** Right credentials, but the request comes from another site's page: refused, and nothing changes. */
    private void crossSitePostRefused(String base, String basic) throws Exception {
        HttpResponse<String> answer = post(base + "/strela/api/trading-control/stop-trading", basic, "http://evil.example",
                "reason=cross-site");
        log("cross-site POST: %d %s", answer.statusCode(), answer.body());
        assertThat(answer.statusCode()).as("cross-site POST").isEqualTo(403);
        String control = body(get(base + "/strela/api/trading-control", basic));
        assertThat(control).doesNotContain("cross-site");
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String authorization, String origin, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static String body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return response.body();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static void log(String format, Object... args) {
        KarafProcess.log(TAG, format, args);
    }
}
