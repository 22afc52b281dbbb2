package dev.agentplane.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.executions.ExecutionFixtures;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.RequestSigner;
import dev.agentplane.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Plants a secret in every place a client can put one (secret-named fields of agent config, state values,
 * execution input, event data, handoff and escalation context; the Authorization header) and proves it never
 * reaches an audit row, an event row or a log line; likewise created keys and request-signing secrets, including
 * those of a signed key that was rotated and used. Secret-named fields are redacted wherever the server
 * writes about a request (audit details, events); the user's own records (an agent's config, a state value, an
 * execution's input) keep what the user stored, since they are the data the user asked us to keep.
 */
class PlantedSecretApiTest {

    @ApiTest
    void a_planted_secret_reaches_no_audit_row_event_row_or_log_line(Api api) {
        String secret = "planted-" + Api.unique() + "-s3cr3t";
        List<ILoggingEvent> logLines;
        String createdKey;
        List<String> signingSecrets;
        try (CapturedLogs logs = CapturedLogs.start()) {
            createdKey = plantEverywhere(api, secret);
            signingSecrets = useSigningSecrets(api, secret);
            logLines = logs.lines();
        }

        List<String> logText = logLines.stream().map(PlantedSecretApiTest::render).toList();
        assertThat(logText).as("the capture sees the server's access log").anyMatch(line -> line.contains("path=/v1/agents"));
        List<String> stored = auditAndEventRows(api.server().plane().database());
        assertThat(stored).as("audit and event rows were written").anyMatch(row -> row.contains("[REDACTED]"));
        List<String> secrets = new ArrayList<>(List.of(secret, createdKey, api.key()));
        secrets.addAll(signingSecrets);
        for (String planted : secrets) {
            assertThat(stored).noneMatch(row -> row.contains(planted));
            assertThat(logText).noneMatch(line -> line.contains(planted));
        }
    }

    /** Sends the secret through every route that takes free-form data; returns a freshly created key. */
    private static String plantEverywhere(Api api, String secret) {
        ObjectNode config = Json.object().put("password", secret).put("api_key", secret).put("model", "m1");
        config.putObject("nested").put("token", secret).put("authorization", "Bearer " + secret);
        String agentId = api.post("/v1/agents", Json.object().put("name", "holder-" + Api.unique()).set("config", config))
                .expect(201).id();
        api.patch("/v1/agents/" + agentId, Json.object().set("config", Json.object().put("client_secret", secret)))
                .expect(200);
        // The agent's config is the user's own record and keeps what was stored.
        assertThat(api.get("/v1/agents/" + agentId).expect(200).body().get("config").get("client_secret").asText())
                .isEqualTo(secret);

        api.put("/v1/state/planted/" + Api.unique(), Json.object().set("value", Json.object().put("password", secret)))
                .expect(201);

        String execution = api.post("/v1/executions", Json.object().put("workflow", ExecutionFixtures.workflow(api))
                .set("input", Json.object().put("api_key", secret))).expect(201).id();
        api.post("/v1/executions/" + execution + "/events", Json.object().put("type", "tool.call")
                .put("message", "called with " + api.key())
                .set("data", Json.object().put("token", secret).put("tokens_in", 3))).expect(201);
        api.post("/v1/events", Json.object().put("execution_id", execution).put("type", "http.request")
                .set("data", Json.object().set("headers", Json.object().put("Authorization", "Bearer " + secret))))
                .expect(201);

        String other = api.post("/v1/agents", Json.object().put("name", "receiver-" + Api.unique())).expect(201).id();
        api.post("/v1/handoffs", Json.object().put("from_agent_id", agentId).put("to_agent_id", other)
                .set("context", Json.object().set("credentials", Json.object().put("password", secret)))).expect(201);
        api.post("/v1/escalations", Json.object().put("reason", "needs a human")
                .set("context", Json.object().put("secret", secret))).expect(201);

        String createdKey = api.newKey("viewer");
        api.as(createdKey).get("/v1/agents/" + agentId).expect(200);
        api.as(secret).get("/v1/agents").expectProblem(401, null);
        api.as("ap_0123456789abcdef0123456789abcdef_" + secret).get("/v1/agents").expectProblem(401, null);
        return createdKey;
    }

    /**
     * Creates a signed key, signs requests with it (one refused for a wrong signature), rotates it, and puts its
     * signing secret where a careless client might (an event's message and data); returns every secret issued.
     */
    private static List<String> useSigningSecrets(Api api, String planted) {
        JsonNode created = api.post("/v1/keys", Json.object().put("name", "signer-" + Api.unique()).put("role", "developer")
                .put("signed", true)).expect(201).body();
        String key = created.get("key").asText();
        String signingSecret = created.get("signing_secret").asText();
        long now = api.clock().millis() / 1000;
        String body = Json.write(Json.object().put("name", "signed-" + Api.unique()));
        api.as(key).send("POST", "/v1/agents", body, "application/json",
                RequestSigner.headers(signingSecret, now, "POST", "/v1/agents", body)).expect(201);
        api.as(key).get("/v1/agents", RequestSigner.headers(planted, now, "GET", "/v1/agents", null))
                .expectProblem(401, null);
        String execution = api.post("/v1/executions", Json.object().put("workflow", ExecutionFixtures.workflow(api)))
                .expect(201).id();
        api.post("/v1/executions/" + execution + "/events", Json.object().put("type", "tool.call")
                .put("message", "signing with " + signingSecret)
                .set("data", Json.object().put("hmac_key", signingSecret))).expect(201);
        String rotatedSecret = api.post("/v1/keys/" + created.get("id").asText() + "/rotate", null).expect(201).body()
                .get("signing_secret").asText();
        return List.of(signingSecret, rotatedSecret);
    }

    private static List<String> auditAndEventRows(Database database) {
        return database.read(sql -> {
            List<String> rows = new ArrayList<>(sql.list("""
                    SELECT id, actor_key_id, actor_agent_id, action, resource_type, resource_id, details, request_id,
                           prev_hash, hash FROM audit_log""",
                    row -> String.join("|", row.string("id"), row.string("actor_key_id"), row.string("actor_agent_id"),
                            row.string("action"), row.string("resource_type"), row.string("resource_id"),
                            row.string("details"), row.string("request_id"), row.string("prev_hash"), row.string("hash"))));
            rows.addAll(sql.list("SELECT id, execution_id, agent_id, type, message, data FROM events",
                    row -> String.join("|", row.string("id"), row.string("execution_id"), row.string("agent_id"),
                            row.string("type"), row.string("message"), row.string("data"))));
            return rows;
        });
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            line.append(' ').append(mdc);
        }
        if (event.getThrowableProxy() != null) {
            line.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.toString();
    }

    /** Every line logged while open, at every level our code and the access log use. */
    private static final class CapturedLogs implements AutoCloseable {
        private static final List<String> VERBOSE = List.of("dev.agentplane", "agentplane");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Map<Logger, Level> previous = new HashMap<>();
        private final Logger root;

        private CapturedLogs() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            for (String name : VERBOSE) {
                Logger logger = context.getLogger(name);
                previous.put(logger, logger.getLevel());
                logger.setLevel(Level.TRACE);
            }
            // The test configuration quiets the access log; a line with the secret must be seen to be refused.
            Logger access = context.getLogger("agentplane.access");
            previous.put(access, access.getLevel());
            access.setLevel(Level.TRACE);
            appender.setContext(context);
            appender.start();
            root.addAppender(appender);
        }

        static CapturedLogs start() {
            return new CapturedLogs();
        }

        List<ILoggingEvent> lines() {
            synchronized (appender) { // the lock AppenderBase.doAppend holds while adding
                return List.copyOf(appender.list);
            }
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
            previous.forEach(Logger::setLevel);
        }
    }
}
