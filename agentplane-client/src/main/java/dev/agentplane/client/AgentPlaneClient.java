package dev.agentplane.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.model.ClaimTask;
import dev.agentplane.client.model.Escalation;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.InterpretRequest;
import dev.agentplane.client.model.InterpretResult;
import dev.agentplane.client.model.NewEscalation;
import dev.agentplane.client.model.Readiness;
import dev.agentplane.client.model.StartExecution;
import dev.agentplane.client.model.StateEntry;
import dev.agentplane.client.model.StateWrite;
import dev.agentplane.client.model.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AgentPlane API from Java. Operations are grouped by resource ({@code client.agents().register(...)},
 * {@code client.executions().start(...)}); the calls agents make most have shorthands here ({@link #saveState},
 * {@link #loadState}, {@link #escalate}, {@link #startExecution}...). Thread-safe; share one per application.
 *
 * <pre>{@code
 * AgentPlaneClient client = AgentPlaneClient.fromEnvironment(); // AGENTPLANE_URL, AGENTPLANE_API_KEY
 * client.saveState("checkout", "cart-42", Map.of("items", 3));
 * }</pre>
 */
public final class AgentPlaneClient {
    public static final String VERSION = "0.1.0";
    public static final String DEFAULT_URL = "http://localhost:8080";

    private final Transport transport;
    private final Agents agents;
    private final State state;
    private final Workflows workflows;
    private final Schedules schedules;
    private final Templates templates;
    private final Executions executions;
    private final Events events;
    private final Tasks tasks;
    private final Handoffs handoffs;
    private final Escalations escalations;
    private final Audit audit;
    private final Usage usage;
    private final Limits limits;
    private final Keys keys;
    private final Orgs orgs;
    private final Secrets secrets;

    private AgentPlaneClient(Settings settings, Clock clock) {
        this.transport = new Transport(settings, clock);
        this.agents = new Agents(transport);
        this.state = new State(transport);
        this.workflows = new Workflows(transport);
        this.schedules = new Schedules(transport);
        this.templates = new Templates(transport);
        this.executions = new Executions(transport);
        this.events = new Events(transport);
        this.tasks = new Tasks(transport);
        this.handoffs = new Handoffs(transport);
        this.escalations = new Escalations(transport);
        this.audit = new Audit(transport);
        this.usage = new Usage(transport);
        this.limits = new Limits(transport);
        this.keys = new Keys(transport);
        this.orgs = new Orgs(transport);
        this.secrets = new Secrets(transport);
    }

    /**
     * A client configured from the environment: {@code AGENTPLANE_URL} (default {@value #DEFAULT_URL}),
     * {@code AGENTPLANE_API_KEY} and, for a signed key, {@code AGENTPLANE_SIGNING_SECRET}.
     */
    public static AgentPlaneClient fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- resources ----

    public Agents agents() { return agents; }
    public State state() { return state; }
    public Workflows workflows() { return workflows; }
    public Schedules schedules() { return schedules; }
    public Templates templates() { return templates; }
    public Executions executions() { return executions; }
    /** Organization-level events: record one, or follow them live over the WebSocket. */
    public Events events() { return events; }
    public Tasks tasks() { return tasks; }
    public Handoffs handoffs() { return handoffs; }
    public Escalations escalations() { return escalations; }
    public Audit audit() { return audit; }
    public Usage usage() { return usage; }
    public Limits limits() { return limits; }
    public Keys keys() { return keys; }
    public Orgs orgs() { return orgs; }
    public Secrets secrets() { return secrets; }

    // ---- the server itself ----

    /** Liveness: {@code {"status": "ok"}}. Needs no key. */
    @Operation("getHealth")
    public JsonNode health() {
        return transport.sendForTree(Call.get("/health"));
    }

    /** Readiness, with the database checked; a 503 (after retries) when it is not ready. */
    @Operation("getReadiness")
    public Readiness readiness() {
        return transport.send(Call.get("/health/ready"), Readiness.class);
    }

    /** The JSON Schema of workflow definitions. */
    @Operation("getWorkflowSchema")
    public JsonNode workflowSchema() {
        return transport.sendForTree(Call.get("/schemas/workflow.schema.json").accept("application/schema+json, application/json"));
    }

    /** The JSON Schema of team files. */
    @Operation("getTeamSchema")
    public JsonNode teamSchema() {
        return transport.sendForTree(Call.get("/schemas/team.schema.json").accept("application/schema+json, application/json"));
    }

    /** Messy data (text or JSON) interpreted into {@code schema}, with a confidence per field. */
    @Operation("interpret")
    public InterpretResult interpret(InterpretRequest request) {
        return transport.send(Call.post("/v1/interpret").json(request), InterpretResult.class);
    }

    // ---- shorthands for the calls agents make most ----

    /** {@code interpret(InterpretRequest.of(data, schema))}. */
    public InterpretResult interpret(Object data, Object schema) {
        return interpret(InterpretRequest.of(data, schema));
    }

    /** Stores {@code value} (anything Jackson can write) under {@code namespace}/{@code key}. */
    public StateEntry saveState(String namespace, String key, Object value) {
        return state.put(namespace, key, value, StateWrite.ALWAYS);
    }

    /** Stores {@code value} with a time to live and/or only if the entry is at a version ({@link StateWrite}). */
    public StateEntry saveState(String namespace, String key, Object value, StateWrite write) {
        return state.put(namespace, key, value, write);
    }

    /** The value under {@code namespace}/{@code key}, empty when there is none. */
    public Optional<JsonNode> loadState(String namespace, String key) {
        return state.get(namespace, key).map(StateEntry::value);
    }

    /** Opens an escalation to a human. */
    public Escalation escalate(String reason, Object context) {
        return escalations.create(NewEscalation.of(reason, context));
    }

    public Escalation escalate(NewEscalation escalation) {
        return escalations.create(escalation);
    }

    /** Starts {@code workflow} with {@code input}; a fresh Idempotency-Key guards the automatic retries. */
    public Execution startExecution(String workflow, Object input) {
        return executions.start(StartExecution.of(workflow, input));
    }

    /** Polls until the execution is completed, failed or cancelled. */
    public Execution waitForExecution(String executionId, Duration timeout) {
        return executions.waitFor(executionId, timeout);
    }

    /** Long-polls up to {@code wait} for a task needing one of {@code capabilities}; empty when none came. */
    public Optional<Task> claimTask(String agentId, Duration wait, String... capabilities) {
        return tasks.claim(ClaimTask.of(agentId, capabilities).waitingUpTo((int) wait.toSeconds()));
    }

    public Task completeTask(String taskId, Object output) {
        return tasks.complete(taskId, output);
    }

    /** The server this client talks to. */
    public URI url() {
        return transport.uri(transport.target("", Query.NONE));
    }

    /** How the client is configured (never shows the key or secret). */
    @Override
    public String toString() {
        return "AgentPlaneClient[" + url() + "]";
    }

    /** The client's configuration; see {@link Builder}. */
    record Settings(URI url, String apiKey, String signingSecret, Duration connectTimeout, Duration requestTimeout,
            int maxRetries, Duration maxRetryWait, HttpClient httpClient) {}

    /** Configures a client; every setting has a default except the key (calls without one get 401). */
    public static final class Builder {
        private URI url = URI.create(DEFAULT_URL);
        private String apiKey;
        private String signingSecret;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxRetries = 3;
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Reads AGENTPLANE_URL, AGENTPLANE_API_KEY and AGENTPLANE_SIGNING_SECRET from {@code environment}. */
        public Builder environment(Map<String, String> environment) {
            String envUrl = environment.get("AGENTPLANE_URL");
            if (envUrl != null && !envUrl.isBlank()) {
                url(envUrl);
            }
            String envKey = environment.get("AGENTPLANE_API_KEY");
            if (envKey != null && !envKey.isBlank()) {
                apiKey = envKey.strip();
            }
            String envSecret = environment.get("AGENTPLANE_SIGNING_SECRET");
            if (envSecret != null && !envSecret.isBlank()) {
                signingSecret = envSecret.strip();
            }
            return this;
        }

        /** The server, e.g. {@code https://agentplane.example.com} (a path prefix is kept). */
        public Builder url(String url) {
            return url(URI.create(url.strip()));
        }

        public Builder url(URI url) {
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("the AgentPlane URL must be http(s)://host[:port], not " + url);
            }
            this.url = url;
            return this;
        }

        /** The API key {@code ap_<id>_<secret>}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The signing secret ({@code aps_...}) of a key created with {@code signed: true}: every request is signed. */
        public Builder signingSecret(String signingSecret) {
            this.signingSecret = signingSecret;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long to wait for an answer (long polls wait this much longer than their wait). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Retries of a 429 or 503 answer (and of lost connections where repeating is safe); default 3, 0 for none. */
        public Builder maxRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more");
            }
            this.maxRetries = retries;
            return this;
        }

        /** The longest Retry-After the client waits; a longer one (a monthly limit...) is thrown at once. Default 30 s. */
        public Builder maxRetryWait(Duration wait) {
            this.maxRetryWait = Objects.requireNonNull(wait);
            return this;
        }

        /** An HttpClient of your own (proxy, TLS...); connectTimeout is then its own. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The clock signatures are timestamped with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public AgentPlaneClient build() {
            return new AgentPlaneClient(new Settings(url, apiKey, signingSecret, connectTimeout, requestTimeout,
                    maxRetries, maxRetryWait, httpClient), clock);
        }
    }
}
