package dev.jikji.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.auth.AuthTestKeys;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.observe.Scrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's chromium, headless, driven by its chromedriver (Selenium never
 * downloads one), against this Quarkus server with API keys on and docs-corpus in a real index. The browser's
 * language is Korean. Screenshots go to target/screenshots/. Without chromium the tests are skipped, except
 * with CI=true, where they fail.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(WebPageTest.WebProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageTest {

    public static class WebProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.auth.enabled", "true", "jikji.auth.keys", AuthTestKeys.inline());
        }
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static final String SECURITY_DOC = "docs-corpus/security-and-access-policy.md";

    static ChromeDriver driver;
    static WebDriverWait wait;
    static final List<String> consoleErrors = new ArrayList<>();

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void browser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(why);
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ko-KR",
                "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ko-KR,ko"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the installed driver, named explicitly, so Selenium Manager never runs nor downloads anything
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    static boolean ingested;

    /** Once, after the application is up (a static @BeforeAll runs before the test port is known). */
    @org.junit.jupiter.api.BeforeEach
    void corpus() throws Exception {
        if (!ingested) ingestCorpus();
        ingested = true;
    }

    @AfterAll
    static void close() {
        if (driver != null) driver.quit();
    }

    static void ingestCorpus() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder ndjson = new StringBuilder();
        for (DocumentInput d : CorpusSeeder.read(Path.of("docs-corpus"),
                new dev.jikji.ingest.DocumentParsers(dev.jikji.ingest.TestDocuments.defaultLimits()))) ndjson.append(json.writeValueAsString(d)).append('\n');
        given().header("Authorization", "Bearer " + AuthTestKeys.WRITER).contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/documents").then().statusCode(200);
    }

    @Test
    @Order(1)
    void aKoreanQuestionIsStreamedWithCitationChipsAndAFollowUpUsesTheConversation() throws Exception {
        // the page and its files are served without a key, locally (no CDN); the API is not
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        given().get("/ui/app.js").then().statusCode(200);
        given().get("/ui/app.css").then().statusCode(200);
        given().get("/api/v1/documents").then().statusCode(401);
        for (String f : List.of("index.html", "ui/app.js", "ui/app.css")) {
            assertThat(Files.readString(Path.of("src/main/resources/META-INF/resources", f))).as(f)
                    .doesNotContainPattern("(src|href)=\\s*[\"']?(https?:)?//");
        }
        driver.get(page.toString());
        // keys are on: the page asks for one (its probe got 401) and keeps it for the session
        WebElement keyInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ko");
        assertThat(driver.findElement(By.id("ask-button")).getText()).isEqualTo("묻기");
        keyInput.sendKeys(AuthTestKeys.WRITER, Keys.ENTER);
        assertThat(driver.executeScript("return sessionStorage.getItem('jikji.apiKey')")).isEqualTo(AuthTestKeys.WRITER);
        assertThat(driver.executeScript("return localStorage.length")).isEqualTo(0L);

        WebElement answer = ask("API 키 교체 주기는 어떻게 되나요?", 1);
        assertThat(answer.getAttribute("class")).doesNotContain("abstained");
        assertThat(answer.findElement(By.className("answer-text")).getText()).contains("90일");
        assertThat(answer.findElement(By.cssSelector("[data-role=details]")).getText()).contains("추출형").contains("extractive");
        WebElement chip = answer.findElement(By.className("chip"));
        chip.sendKeys(Keys.ENTER); // keyboard only
        WebElement citation = wait.until(d -> answer.findElement(By.className("citation")));
        assertThat(chip.getAttribute("aria-expanded")).isEqualTo("true");
        String quote = citation.findElement(By.tagName("blockquote")).getText();
        assertThat(quote).isNotBlank();
        assertThat(Files.readString(Path.of(SECURITY_DOC))).contains(quote);
        assertThat(citation.getText()).contains("보안 및 접근 정책").contains("API 키 관리");

        // the follow-up alone would not say which key; with the conversation it is answered from the policy
        WebElement followUp = ask("그럼 교체 기간에는 옛 키가 며칠 동안 유효해요?", 2);
        assertThat(followUp.findElement(By.className("answer-text")).getText()).contains("7일");
        assertThat(followUp.findElement(By.cssSelector("[data-role=standalone]")).getText()).contains("이전 대화를 이어서");
        followUp.findElement(By.className("chip")).click();
        String quote2 = wait.until(d -> followUp.findElement(By.cssSelector(".citation blockquote"))).getText();
        assertThat(Files.readString(Path.of(SECURITY_DOC))).contains(quote2);
        shot("ask-follow-up");

        // 👍 is sent to /api/v1/feedback and counted with Slack's votes
        Scrape before = Scrape.take();
        followUp.findElement(By.cssSelector("[data-vote=up]")).click();
        wait.until(d -> followUp.findElement(By.cssSelector(".feedback [role=status]")).getText().contains("감사"));
        assertThat(Scrape.take().sum("jikji_feedback_total", "channel=\"web\",vote=\"up\"")
                - before.sum("jikji_feedback_total", "channel=\"web\",vote=\"up\"")).isEqualTo(1);
        collectConsole();
    }

    @Test
    @Order(2)
    void anUnanswerableQuestionIsShownAsAnAbstention() throws Exception {
        driver.findElement(By.id("new-conversation")).click();
        assertThat(driver.findElements(By.cssSelector("#conversation li"))).isEmpty();
        WebElement answer = ask("화성 탐사선의 연료 탱크 용량은 몇 리터인가요?", 1);
        assertThat(answer.getAttribute("class")).contains("abstained");
        assertThat(answer.getText()).contains("답을 찾지 못했습니다");
        assertThat(answer.findElements(By.className("chip"))).isEmpty();
        shot("ask-abstention");
        driver.manage().window().setSize(new Dimension(390, 844));
        shot("ask-phone-width");
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(400L);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        collectConsole();
    }

    @Test
    @Order(3)
    void aMarkdownFileIsUploadedFoundBySearchShownAndDeleted() throws Exception {
        driver.findElement(By.id("tab-ask")).sendKeys(Keys.ARROW_RIGHT); // the tabs pattern: arrows move between tabs
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-files")));
        File md = Files.writeString(Files.createTempDirectory("jikji-web").resolve("penguin-shipping.md"),
                "# 펭귄 배송 규정\n\n## 냉장 보관\n\n펭귄배송 상자는 영하 18도에서 보관한다. 배송은 화요일에만 한다.\n").toFile();
        driver.findElement(By.id("upload-files")).sendKeys(md.getAbsolutePath());
        driver.findElement(By.id("upload-button")).click();
        WebElement row = wait.until(d -> d.findElement(By.cssSelector("#upload-results tr")));
        assertThat(row.getText()).contains("penguin-shipping.md").contains("created");

        WebElement search = driver.findElement(By.id("search-input"));
        search.sendKeys("펭귄배송 상자 보관 온도", Keys.ENTER);
        WebElement hit = wait.until(d -> d.findElement(By.cssSelector("#search-results li")));
        assertThat(hit.getText()).contains("펭귄 배송 규정").contains("penguin-shipping.md");
        hit.findElement(By.tagName("button")).click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-detail")));
        wait.until(d -> detail.getText().contains("영하 18도"));
        assertThat(detail.getText()).contains("냉장 보관").contains("text/markdown");
        shot("documents");

        driver.findElement(By.id("prefix-input")).sendKeys("penguin", Keys.ENTER);
        wait.until(d -> d.findElement(By.id("doc-list")).getText().contains("penguin-shipping.md"));
        detail.findElement(By.cssSelector("[data-role=delete]")).click();
        driver.switchTo().alert().accept();
        wait.until(d -> d.findElement(By.id("status")).getText().contains("삭제했습니다"));
        given().header("Authorization", "Bearer " + AuthTestKeys.WRITER).get("/api/v1/documents/penguin-shipping.md")
                .then().statusCode(404);
        collectConsole();
    }

    @Test
    @Order(4)
    void aReadOnlyKeyCannotUploadAndIsToldWhy() throws Exception {
        driver.findElement(By.id("key-button")).click();
        driver.findElement(By.id("key-forget")).click();
        WebElement keyInput = driver.findElement(By.id("key-input"));
        keyInput.sendKeys(AuthTestKeys.READER, Keys.ENTER);
        File md = Files.writeString(Files.createTempDirectory("jikji-web").resolve("read-only-try.md"), "# 시도\n\n쓰기 권한 없는 업로드.\n").toFile();
        driver.findElement(By.id("upload-files")).sendKeys(md.getAbsolutePath());
        driver.findElement(By.id("upload-button")).click();
        WebElement status = wait.until(d -> {
            WebElement s = d.findElement(By.id("status"));
            return s.isDisplayed() && s.getText().contains("할 수 없는") ? s : null;
        });
        assertThat(status.getText()).contains("reader").contains("write");
        shot("read-only-upload-403");
        given().header("Authorization", "Bearer " + AuthTestKeys.WRITER).get("/api/v1/documents/read-only-try.md")
                .then().statusCode(404);
        collectConsole();
        // only the two refusals this test provoked (401 before a key was given, 403 here) were logged
        assertThat(consoleErrors).allMatch(e -> e.contains("status of 401") || e.contains("status of 403"), "console errors");
        assertThat(consoleErrors).anyMatch(e -> e.contains("status of 403"));
    }

    /** Types a question into the box, sends it with Enter and waits for the n-th answer to finish. */
    static WebElement ask(String question, int n) {
        WebElement box = driver.findElement(By.id("question"));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
        By nth = By.cssSelector("#conversation li.turn-a:nth-of-type(" + n + ")");
        wait.until(d -> {
            List<WebElement> answers = d.findElements(By.cssSelector("#conversation li.turn-a"));
            return answers.size() >= n && answers.get(n - 1).getAttribute("aria-busy") == null;
        });
        return driver.findElements(By.cssSelector("#conversation li.turn-a")).get(n - 1);
    }

    static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** SEVERE browser log entries: JavaScript errors and failed requests. */
    static void collectConsole() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) consoleErrors.add(e.getMessage());
        }
        assertThat(consoleErrors).as("JavaScript errors").noneMatch(m -> !m.contains("Failed to load resource"));
    }
}
