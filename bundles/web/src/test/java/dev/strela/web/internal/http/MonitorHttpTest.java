package dev.strela.web.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strela.persistence.EquityHistory;
import dev.strela.persistence.ErrorRepository;
import dev.strela.persistence.ErrorRepository.ErrorFilter;
import dev.strela.persistence.ErrorRepository.ErrorRow;
import dev.strela.persistence.MonitorQueries;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.web.internal.api.DataServices;

/** The monitor over real HTTP: who gets in, what a page of each resource looks like, and what a change records. */
class MonitorHttpTest {

    private static final List<String> API = List.of("session", "status", "health", "trading-control", "errors", "positions",
            "orders", "trades", "signals", "runs", "equity?run=paper");
    private static final Fakes.LastFilter LAST = new Fakes.LastFilter();
    private static final Fakes.Control CONTROL = new Fakes.Control();
    private static MonitorServer server;
    private static MonitorServer withoutDatabase;
    private HttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        server = new MonitorServer(new DataServices(Fakes.database(), null, CONTROL, heartbeats(), errors(), monitor(),
                runs(), equity()));
        withoutDatabase = new MonitorServer(new DataServices(Fakes.database(), null, null, null, null, null, null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        withoutDatabase.close();
    }

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        CONTROL.blockResume = false;
        CONTROL.current = new dev.strela.persistence.TradingControl(false, false, "initial state", "migration",
                Fakes.NOW.minusSeconds(86400));
    }

    @Test
    void withoutCredentials_everyApiResourceAndThePageAre401_onlyTheLoginPageAndItsAssetsAreServed() throws Exception {
        for (String path : API) {
            HttpResponse<String> r = send(get("/api/" + path));
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(json(r).path("error").asText()).isEqualTo("unauthenticated");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Strela\", charset=\"UTF-8\"");
        }
        HttpResponse<String> page = send(get("/").header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("url=/strela/login.html");
        assertThat(send(get("/app/app.js")).statusCode()).isEqualTo(401);
        assertThat(send(get("/app/chartjs/chart.umd.js")).statusCode()).isEqualTo(401);
        assertThat(send(post("/api/trading-control/stop-trading", "reason=x")).statusCode()).isEqualTo(401);
        assertThat(send(get("/api/status").header("X-Requested-With", "strela-monitor")).headers()
                .firstValue("WWW-Authenticate")).as("not to the page's own script").isEmpty();

        HttpResponse<String> login = send(get("/login.html"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"login-form\"");
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
        assertThat(send(get("/assets/app.css")).statusCode()).isEqualTo(200);
    }

    @Test
    void loginForm_whenWrongPassword_thenBackToTheLoginPage_whenRight_thenASessionWithItsToken() throws Exception {
        HttpResponse<String> wrong = send(form("/login", "username=alice&password=nope"));
        assertThat(wrong.statusCode()).isEqualTo(303);
        assertThat(wrong.headers().firstValue("Location")).hasValue("/strela/login.html?failed=1");
        assertThat(send(get("/api/status")).statusCode()).isEqualTo(401);

        String token = signIn();

        assertThat(token).hasSizeGreaterThan(30);
        HttpResponse<String> page = send(get("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"equity-chart\"", "id=\"stop-trading\"", "id=\"errors-table\"");
        assertThat(send(get("/app/chartjs/chart.umd.js")).body()).contains("Chart.js");

        send(post("/logout", "").header("X-CSRF-Token", token).header("Origin", origin()));
        assertThat(send(get("/api/status")).statusCode()).isEqualTo(401);
    }

    @Test
    void loginForm_whenANameFailsTooOften_thenLockedFromThisAddress_andThePageAndJsonSayForHowLong() throws Exception {
        String origin = withoutDatabase.base.replace("/strela", "");
        Function<String, HttpRequest.Builder> login = body -> HttpRequest.newBuilder(
                URI.create(withoutDatabase.base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < 5; i++) {
            assertThat(send(login.apply("username=mallory&password=x" + i)).headers().firstValue("Location"))
                    .hasValue("/strela/login.html?failed=1");
        }

        HttpResponse<String> page = send(login.apply("username=mallory&password=x"));
        HttpResponse<String> json = send(login.apply("username=mallory&password=x")
                .header("Accept", "application/json"));

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).get().asString()
                .matches("/strela/login\\.html\\?locked=name&wait=(59|60)");
        assertThat(json.statusCode()).isEqualTo(401);
        assertThat(json(json).path("error").asText()).isEqualTo("login_locked");
        assertThat(json(json).path("message").asText())
                .matches("too many failed sign-ins from this address for this user name: try again in (59|60) s");
    }

    @Test
    void readResources_haveTheirJsonShape() throws Exception {
        signIn();

        JsonNode status = ok("/api/status");
        assertThat(status.path("database").path("state").asText()).isEqualTo("UP");
        assertThat(status.path("database").path("schemaVersion").asText()).isEqualTo("7");
        assertThat(status.path("tradingControl").path("stopTrading").asBoolean()).isFalse();
        assertThat(status.path("heartbeats")).hasSize(3);

        JsonNode health = ok("/api/health");
        assertThat(health.path("components")).extracting(c -> c.path("component").asText() + ":" + c.path("level").asText()
                + ":" + c.path("ageSeconds").asLong()).containsExactly("data_feed:green:5", "execution:amber:45",
                "broker_fake:red:2");
        assertThat(health.path("components").get(0).path("errorsLastHour").path("critical").asLong()).isEqualTo(2);

        JsonNode errors = ok("/api/errors?source=broker&severity=error&limit=2");
        assertThat(errors.path("errors")).hasSize(2);
        assertThat(errors.path("errors").get(0).path("severity").asText()).isEqualTo("critical");
        assertThat(errors.path("errors").get(0).path("createdAt").asText()).isEqualTo("2024-03-04T06:59:50Z");
        assertThat(errors.path("nextBefore").asLong()).isEqualTo(9);
        assertThat(LAST.filter).isEqualTo(new ErrorFilter("broker", "error", null, null, null));

        JsonNode positions = ok("/api/positions?run=paper&limit=2");
        assertThat(positions.path("cash").decimalValue()).isEqualByComparingTo("990000.55");
        assertThat(positions.path("total").asLong()).isEqualTo(1000);
        assertThat(positions.path("positions").get(0).path("lastPrice").decimalValue()).isEqualByComparingTo("251");
        assertThat(positions.path("positions").get(0).path("unrealizedPnl").decimalValue()).as("(251 - 250) * 10 units").isEqualByComparingTo("10");
        assertThat(positions.path("next").path("symbol").asText()).isEqualTo("s-2");

        JsonNode orders = ok("/api/orders?active=true");
        assertThat(orders.path("items").get(0).path("role").asText()).isEqualTo("STOP_LOSS");
        assertThat(orders.path("items").get(0).path("price").decimalValue()).isEqualByComparingTo("240.5");
        assertThat(ok("/api/trades").path("items").get(0).path("price").decimalValue()).isEqualByComparingTo("250.1");
        assertThat(ok("/api/signals").path("items").get(0).path("signal").path("stop_loss").decimalValue())
                .isEqualByComparingTo("240.5");
        assertThat(ok("/api/runs?kind=replay").path("runs")).extracting(r -> r.path("id").asText()).containsExactly("replay-1");

        JsonNode replay = ok("/api/equity?run=replay-1");
        assertThat(replay.path("step").asText()).as("a month in about 500 points").isEqualTo("1h");
        assertThat(replay.path("points")).hasSize(3);
        assertThat(replay.path("points").get(2).path("equity").decimalValue()).isEqualByComparingTo("1000200");
        assertThat(ok("/api/trading-control").path("changedBy").asText()).isEqualTo("migration");
    }

    @Test
    void badInput_is400WithAClearMessage_unknownIs404_neverA500() throws Exception {
        signIn();
        Map<String, String> bad = Map.of(
                "/api/errors?severity=fatal", "severity: unknown code 'fatal'",
                "/api/errors?from=yesterday", "from: an instant",
                "/api/errors?limit=100000", "limit: a whole number from 1 to 500",
                "/api/errors?sevrity=error", "unknown parameter 'sevrity'",
                "/api/positions?run=Paper!", "run: a run id",
                "/api/positions?afterRow=3", "afterRow and afterSymbol",
                "/api/orders?active=maybe", "active: true or false",
                "/api/equity?run=paper&step=2m", "step: 5m, 15m, 1h or 1d",
                "/api/runs?kind=backtest", "kind: paper, live or replay");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = send(get(e.getKey()));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(json(r).path("error").asText()).isEqualTo("bad_request");
            assertThat(json(r).path("message").asText()).as(e.getKey()).contains(e.getValue());
        }
        assertThat(send(get("/api/nothing")).statusCode()).isEqualTo(404);
        assertThat(send(get("/api/equity?run=replay-none")).statusCode()).isEqualTo(404);
        assertThat(send(get("/api/trading-control/stop-trading")).statusCode()).isEqualTo(405);
        assertThat(send(get("/nothing.html")).statusCode()).isEqualTo(404);
    }

    @Test
    void controlActions_needReasonTokenAndSameOrigin_andAreRecordedWithWhoAndWhy() throws Exception {
        String token = signIn();
        int before = CONTROL.changes.size();

        assertThat(send(post("/api/trading-control/stop-trading", "reason=broker+maintenance")).statusCode())
                .as("no token").isEqualTo(403);
        HttpResponse<String> crossSite = send(post("/api/trading-control/stop-trading", "reason=x")
                .header("X-CSRF-Token", token).header("Origin", "https://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(json(crossSite).path("error").asText()).isEqualTo("cross_site_request");
        HttpResponse<String> blank = send(change("stop-trading", "+++", token));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).path("message").asText()).startsWith("reason: required");
        assertThat(CONTROL.changes).hasSize(before);

        JsonNode stopped = json(send(change("stop-trading", URLEncoder.encode("broker maintenance", StandardCharsets.UTF_8), token)));
        assertThat(stopped.path("stopTrading").asBoolean()).isTrue();
        assertThat(stopped.path("changedBy").asText()).isEqualTo("web:alice");
        assertThat(json(send(change("safe-mode-on", "volatile", token))).path("safeMode").asBoolean()).isTrue();
        assertThat(json(send(change("safe-mode-off", "calm", token))).path("safeMode").asBoolean()).isFalse();
        CONTROL.blockResume = true;
        HttpResponse<String> refused = send(change("resume", "looks+fine", token));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("message").asText()).contains("reconciliation_mismatch");
        CONTROL.blockResume = false;
        HttpResponse<String> resumed = send(post("/api/trading-control/resume", "{\"reason\": \"broker back\"}")
                .setHeader("Content-Type", "application/json").header("X-CSRF-Token", token).header("Origin", origin()));
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).path("stopTrading").asBoolean()).isFalse();

        assertThat(CONTROL.changes.subList(before, CONTROL.changes.size())).containsExactly(
                "stop_trading=true by web:alice: broker maintenance", "safe_mode=true by web:alice: volatile",
                "safe_mode=false by web:alice: calm", "stop_trading=false by web:alice: broker back");
    }

    @Test
    void basicAuth_readsAndChangesFromScripts_butNotFromAnotherSite() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

        assertThat(send(get("/api/health").header("Authorization", basic)).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/health").header("Authorization", "Basic YWxpY2U6bm9wZQ==")).statusCode()).isEqualTo(401);
        assertThat(send(post("/api/trading-control/safe-mode-on", "reason=script").header("Authorization", basic))
                .statusCode()).isEqualTo(200);
        assertThat(send(post("/api/trading-control/safe-mode-off", "reason=x").header("Authorization", basic)
                .header("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutDatabase_statusStillAnswers_andTheRestIs503() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(withoutDatabase.base + "/api/status"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> errors = client.send(HttpRequest.newBuilder(URI.create(withoutDatabase.base + "/api/errors"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).path("tradingControl").isNull()).isTrue();
        assertThat(errors.statusCode()).isEqualTo(503);
        assertThat(json(errors).path("error").asText()).isEqualTo("database_unavailable");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String signIn() throws Exception {
        HttpResponse<String> r = send(form("/login", "username=alice&password=secret"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/strela/");
        JsonNode session = ok("/api/session");
        assertThat(session.path("user").asText()).isEqualTo("alice");
        return session.path("csrfToken").asText();
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = send(get(path));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        return json(r);
    }

    private HttpRequest.Builder change(String action, String reason, String token) {
        return post("/api/trading-control/" + action, "reason=" + reason).header("X-CSRF-Token", token).header("Origin", origin());
    }

    private static String origin() {
        return server.base.replace("/strela", "");
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.base + path));
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder form(String path, String body) {
        return post(path, body).header("Origin", origin());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    // ---- the stand-ins ------------------------------------------------------------------------------------------------

    private static ServiceStatusRepository heartbeats() {
        return Fakes.of(ServiceStatusRepository.class, Map.of("all", a -> Fakes.heartbeats()));
    }

    private static ErrorRepository errors() {
        Function<Object[], Object> page = a -> {
            LAST.filter = (ErrorFilter) a[0];
            LAST.before = (Long) a[1];
            LAST.limit = (Integer) a[2];
            List<ErrorRow> rows = new ArrayList<>();
            for (int i = 0; i < LAST.limit; i++) {
                rows.add(Fakes.error(10 - i, i == 0 ? "critical" : "error"));
            }
            return rows;
        };
        return Fakes.of(ErrorRepository.class, Map.of("page", page,
                "countsSince", a -> Map.of("data_feed", Map.of("critical", 2L), "risk", Map.of("warning", 1L))));
    }

    private static MonitorQueries monitor() {
        return Fakes.of(MonitorQueries.class, Map.of(
                "positions", a -> List.of(Fakes.position(3, "s-1", 1), Fakes.position(3, "s-2", -1)),
                "countPositions", a -> 1000L,
                "lastCloses", a -> Map.of("s-1", new java.math.BigDecimal("251"), "s-2", new java.math.BigDecimal("249")),
                "orders", a -> List.of(Fakes.order(5)),
                "trades", a -> List.of(Fakes.trade(8)),
                "signals", a -> List.of(Fakes.signal(4))));
    }

    private static RunRepository runs() {
        return Fakes.of(RunRepository.class, Map.of(
                "recent", a -> List.of(Fakes.replay(), Fakes.paper()),
                "account", a -> java.util.Optional.of(Fakes.account()),
                "find", a -> "replay-1".equals(a[0]) ? java.util.Optional.of(Fakes.replay())
                        : "paper".equals(a[0]) ? java.util.Optional.of(Fakes.paper()) : java.util.Optional.empty()));
    }

    private static EquityHistory equity() {
        return Fakes.of(EquityHistory.class, Map.of("equity",
                a -> Fakes.equity(a[2] == null ? Fakes.NOW : (java.time.Instant) a[2])));
    }
}
