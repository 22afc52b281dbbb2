package dev.agentplane.teams.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http against a real local HTTP server, which is on loopback: refused by default, reachable when allowed. */
class HttpToolTest {
    private HttpServer server;
    private String base;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ToolContext context = new ToolContext(Path.of("."), "run-1", "researcher", Duration.ofMinutes(1));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + path + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            switch (path) {
                case "/json" -> send(exchange, 200, "application/json; charset=utf-8",
                        "{\"name\":\"web-1\",\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true,\"items\":[{\"n\":1}]}}");
                case "/echo" -> send(exchange, 200, "text/plain", exchange.getRequestMethod() + " x-test="
                        + exchange.getRequestHeaders().getFirst("X-Test") + " type="
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
                case "/big" -> send(exchange, 200, "text/plain", "x".repeat(1024 * 1024));
                case "/binary" -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, 4);
                    exchange.getResponseBody().write(new byte[] {0, 1, 0, 2});
                    exchange.close();
                }
                case "/slow" -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 200, "text/plain", "late");
                }
                case "/missing" -> send(exchange, 404, "text/plain", "no such page");
                case "/to-metadata" -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data/");
                case "/see-other" -> redirect(exchange, 303, "/echo");
                case "/temporary" -> redirect(exchange, 307, "/echo");
                case "/to-localhost" -> redirect(exchange, 302, "http://localhost:" + server.getAddress().getPort() + "/echo");
                default -> {
                    if (path.startsWith("/hops/")) {
                        int left = Integer.parseInt(path.substring("/hops/".length()));
                        if (left == 0) {
                            send(exchange, 200, "text/plain", "arrived");
                        } else {
                            redirect(exchange, 302, "/hops/" + (left - 1));
                        }
                    } else {
                        send(exchange, 404, "text/plain", "unknown");
                    }
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientLeft) {
            // the tool stops reading at its cap
        }
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static HttpTool tool(String yaml) throws Exception {
        return new HttpTool(HttpSettings.from(Json.YAML.readTree(yaml), "tools.http"));
    }

    private static HttpTool allowingLoopback() throws Exception {
        return tool("allow_hosts: ['127.0.0.1']");
    }

    private ToolResult get(HttpTool tool, String url) throws InterruptedException {
        return tool.run(Json.object().put("url", url), context);
    }

    @Test
    void loopback_is_refused_by_default_and_nothing_is_sent() throws Exception {
        ToolResult result = get(new HttpTool(HttpSettings.defaults()), base + "/json");

        assertThat(result.error()).isTrue();
        assertThat(result.content()).isEqualTo("'" + base + "/json' is refused: 127.0.0.1 resolves to 127.0.0.1, a "
                + "loopback address; private, loopback and link-local destinations are refused unless the team allows "
                + "them (tools.http.allow_private: true, or the host or its address in tools.http.allow_hosts)");
        assertThat(requests).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            http://localhost/ => loopback
            http://127.9.9.9:8080/x => loopback
            http://[::1]/ => loopback
            http://10.1.2.3/ => private (RFC 1918)
            http://172.16.5.4/ => private (RFC 1918)
            http://192.168.1.1/admin => private (RFC 1918)
            http://[fd12:3456::1]/ => private (unique local, fc00::/7)
            http://169.254.169.254/latest/meta-data/ => link-local
            http://[fe80::1]/ => link-local
            http://0.0.0.0:8080/ => unspecified
            http://[::]/ => unspecified
            http://224.0.0.1/ => multicast
            http://[ff02::1]/ => multicast
            http://100.64.0.1/ => carrier-grade NAT
            http://[::ffff:127.0.0.1]/ => loopback
            http://[64:ff9b::a9fe:a9fe]/ => link-local
            http://[2002:a00:1::]/ => private (RFC 1918)
            """)
    void non_public_addresses_are_refused(String url, String kind) throws Exception {
        ToolResult result = get(new HttpTool(HttpSettings.defaults()), url);

        assertThat(result.error()).isTrue();
        assertThat(result.content()).startsWith("'" + url + "' is refused").contains("a " + kind);
    }

    @Test
    void every_address_of_a_host_is_checked() throws Exception {
        HostResolver dns = host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};

        ToolResult result = new HttpTool(HttpSettings.defaults(), dns).run(Json.object().put("url", "https://mixed.example/"), context);

        assertThat(result.content()).contains("mixed.example resolves to 10.0.0.7, a private (RFC 1918) address");
    }

    @Test
    void only_http_and_https_are_allowed() throws Exception {
        HttpTool tool = tool("allow_private: true");
        assertThat(get(tool, "file:///etc/passwd").content()).isEqualTo("'file:///etc/passwd' is refused: only http and https URLs are allowed");
        assertThat(get(tool, "ftp://example.com/x").content()).contains("only http and https");
        assertThat(get(tool, "/relative/path").content()).startsWith("argument 'url' must be an absolute http or https URL");
    }

    @Test
    void settings_allow_private_destinations_by_address_by_name_or_all() throws Exception {
        assertThat(get(allowingLoopback(), base + "/echo").content()).startsWith("HTTP 200 from GET " + base + "/echo");
        assertThat(get(tool("allow_hosts: ['127.0.0.0/8']"), base + "/echo").error()).isFalse();
        String byName = "http://localhost:" + server.getAddress().getPort() + "/echo";
        assertThat(get(tool("allow_hosts: [localhost]"), byName).error()).isFalse();
        assertThat(get(tool("allow_hosts: [localhost]"), base + "/echo").content()).contains("is refused");
        assertThat(get(tool("allow_private: true"), base + "/echo").error()).isFalse();
        assertThat(requests).hasSize(4);
    }

    @Test
    void json_is_returned_compactly_indented() throws Exception {
        ToolResult result = get(allowingLoopback(), base + "/json");

        assertThat(result.error()).isFalse();
        assertThat(result.content()).isEqualTo("""
                HTTP 200 from GET %s/json
                content-type: application/json; charset=utf-8

                {
                  "name": "web-1",
                  "tags": ["a", "b"],
                  "nested": {
                    "ok": true,
                    "items": [
                      {
                        "n": 1
                      }
                    ]
                  }
                }""".formatted(base));
        assertThat(result.data().get("status").asInt()).isEqualTo(200);
    }

    @Test
    void posts_send_text_or_json_with_headers() throws Exception {
        HttpTool tool = allowingLoopback();
        ObjectNode json = Json.object().put("method", "POST").put("url", base + "/echo");
        json.putObject("headers").put("X-Test", "yes");
        json.putObject("body").put("n", 1);

        assertThat(tool.run(json, context).content()).endsWith("POST x-test=yes type=application/json body={\"n\":1}");
        assertThat(tool.run(Json.object().put("method", "post").put("url", base + "/echo").put("body", "plain"), context)
                .content()).endsWith("POST x-test=null type=null body=plain");
    }

    @Test
    void redirects_are_followed_up_to_five_and_each_hop_is_checked() throws Exception {
        HttpTool tool = allowingLoopback();

        ToolResult five = get(tool, base + "/hops/5");
        assertThat(five.content()).startsWith("HTTP 200 from GET " + base + "/hops/0 (after 5 redirects)").endsWith("arrived");
        assertThat(get(tool, base + "/hops/6").content()).isEqualTo("stopped after 5 redirects; the last one pointed to "
                + base + "/hops/0");

        ToolResult metadata = get(tool, base + "/to-metadata");
        assertThat(metadata.content()).startsWith("'http://169.254.169.254/latest/meta-data/' is refused")
                .endsWith("(reached by a redirect)");
        // an allowed address block admits any host name whose every address is inside it
        assertThat(get(tool, base + "/to-localhost").content()).startsWith("HTTP 200 from GET http://localhost:");
        assertThat(get(tool("allow_hosts: ['127.0.0.1/32']"), "http://127.0.0.2:1/").content())
                .contains("127.0.0.2, a loopback address");
    }

    @Test
    void redirect_methods_follow_the_status_and_credentials_stay_with_their_origin() throws Exception {
        HttpTool tool = tool("allow_private: true");
        ObjectNode post = Json.object().put("method", "POST").put("body", "data");
        post.putObject("headers").put("Authorization", "Bearer secret");

        assertThat(tool.run(post.deepCopy().put("url", base + "/see-other"), context).content())
                .contains("from GET " + base + "/echo").endsWith("GET x-test=null type=null body=");
        assertThat(tool.run(post.deepCopy().put("url", base + "/temporary"), context).content()).endsWith("POST x-test=null type=null body=data");
        tool.run(post.deepCopy().put("url", base + "/to-localhost"), context);
        assertThat(requests).contains("POST /see-other auth=Bearer secret", "GET /echo auth=Bearer secret",
                "POST /to-localhost auth=Bearer secret", "GET /echo auth=null");
    }

    @Test
    void a_large_response_is_cut_at_the_cap_with_a_marker() throws Exception {
        ToolResult result = get(tool("allow_hosts: ['127.0.0.1']\nmax_response_bytes: 1024"), base + "/big");

        assertThat(result.content()).endsWith("x".repeat(1024) + "\n[… response truncated at 1024 bytes (tools.http.max_response_bytes) …]");
        assertThat(result.data().get("truncated").asBoolean()).isTrue();
        assertThat(result.data().get("bytes").asInt()).isEqualTo(1024);
    }

    @Test
    void a_slow_server_is_given_up_on_at_the_time_cap() throws Exception {
        long started = System.nanoTime();

        ToolResult result = get(tool("allow_hosts: ['127.0.0.1']\ntimeout_seconds: 1"), base + "/slow");

        assertThat(result.content()).isEqualTo("no complete answer from GET " + base + "/slow within 1 s (tools.http.timeout_seconds)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void error_statuses_binary_bodies_and_refused_connections_are_reported() throws Exception {
        HttpTool tool = allowingLoopback();

        ToolResult missing = get(tool, base + "/missing");
        assertThat(missing.error()).isTrue();
        assertThat(missing.content()).startsWith("HTTP 404").endsWith("no such page");
        assertThat(get(tool, base + "/binary").content()).endsWith("(a binary body of 4 bytes, application/octet-stream; not shown)");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        assertThat(get(tool, "http://127.0.0.1:" + closedPort + "/").content()).startsWith("could not connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void argument_mistakes_name_the_argument() throws Exception {
        HttpTool tool = allowingLoopback();

        assertThat(tool.run(Json.object(), context).content()).isEqualTo("argument 'url' is required");
        assertThat(tool.run(Json.object().put("url", base).put("method", "DELETE"), context).content())
                .isEqualTo("argument 'method' must be GET or POST, not 'DELETE'");
        assertThat(tool.run(Json.object().put("url", base).put("body", "x"), context).content())
                .isEqualTo("argument 'body' is only for POST; a GET sends no body");
        ObjectNode badHeader = Json.object().put("url", base);
        badHeader.putObject("headers").put("X-N", 5);
        assertThat(tool.run(badHeader, context).content()).isEqualTo("argument 'headers.X-N' must be a string");
        assertThat(tool.run(Json.object().put("url", "http://exa mple.com"), context).content()).startsWith("argument 'url' is not a URL");
    }

    @Test
    void settings_errors_name_the_key_path() {
        assertThatThrownBy(() -> tool("allow_hosts: ['10.0.0.0/99']")).hasMessageStartingWith(
                "tools.http.allow_hosts[0] '10.0.0.0/99' is neither a host name");
        assertThatThrownBy(() -> tool("timeout_seconds: 0")).hasMessage("tools.http.timeout_seconds must be a whole number between 1 and 600");
        assertThatThrownBy(() -> tool("allow_private: yes please")).hasMessage("tools.http.allow_private must be true or false");
        HttpSettings defaults = HttpSettings.from(null, "tools.http");
        assertThat(defaults).isEqualTo(new HttpSettings(Duration.ofSeconds(20), 256 * 1024, false, List.of()));
    }
}
