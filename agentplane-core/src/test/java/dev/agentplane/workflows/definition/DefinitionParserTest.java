package dev.agentplane.workflows.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionParserTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Problem(String pointer, String detail) {}

    private static List<Problem> problems(String yaml) {
        List<Problem> problems = new ArrayList<>();
        DefinitionParser.parse(tree(yaml), (pointer, detail, fix) -> problems.add(new Problem(pointer, detail)));
        return problems;
    }

    private static WorkflowDefinition valid(String yaml) {
        List<Problem> problems = new ArrayList<>();
        WorkflowDefinition definition = DefinitionParser.parse(tree(yaml), (p, d, f) -> problems.add(new Problem(p, d)));
        assertThat(problems).isEmpty();
        return definition;
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void every_step_type_parses_with_its_fields() {
        WorkflowDefinition definition = valid("""
                name: all
                inputs: {amount: {type: number, default: 5}, who: string}
                defaults: {retry: {max_attempts: 3, initial_interval: 2s}, timeout: 1m}
                timeout: 1h
                steps:
                  - {id: t, type: tool, tool: core.echo, with: {a: 1}}
                  - {id: ag, type: agent, team: infra, task: "do it"}
                  - {id: it, type: interpret, data: "x", schema: {age: number}}
                  - {id: ap, type: approval, reason: "ok?", priority: high, on_reject: continue}
                  - {id: h, type: handoff, to_capability: review}
                  - {id: tk, type: task, capability: review, input: {doc: 1}}
                  - id: cond
                    type: if
                    condition: "inputs.amount > 3"
                    then: [{id: big, type: set, values: {size: big}}]
                    else: [{id: small, type: set, values: {size: small}}]
                  - id: sw
                    type: switch
                    value: inputs.who
                    cases: {a: [{id: ca, type: fail, message: "no"}]}
                    default: [{id: cd, type: sleep, duration: 5m}]
                  - id: par
                    type: parallel
                    join: first
                    branches: [{name: x, steps: [{id: px, type: wait_until, until: "2030-01-01T00:00:00Z"}]},
                               {name: y, steps: [{id: py, type: state.get, namespace: n, key: k}]}]
                  - id: each
                    type: foreach
                    items: [1, 2, 3]
                    concurrency: 2
                    steps: [{id: put, type: state.set, namespace: n, key: k, value: 1, ttl: 1d}]
                  - {id: sub, type: workflow, workflow: other, version: 2, on_error: {goto: t2}}
                  - {id: t2, type: tool, tool: core.echo, retry: {max_attempts: 1}, timeout: 500ms}
                """);

        assertThat(definition.stepsById()).hasSize(19);
        assertThat(definition.inputs().get("amount").defaultValue().asInt()).isEqualTo(5);
        assertThat(definition.inputs().get("who").type()).isEqualTo("string");
        assertThat(definition.timeout()).isEqualTo(Duration.ofHours(1));
        Step tool = definition.step("t");
        assertThat(tool.retry().maxAttempts()).isEqualTo(3);
        assertThat(tool.retry().initialInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(tool.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(definition.step("t2").retry().maxAttempts()).isEqualTo(1);
        assertThat(definition.step("t2").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(definition.step("sub").onError()).isEqualTo(OnError.goTo("t2"));
        assertThat(definition.step("ap").body()).isInstanceOfSatisfying(StepBody.Approval.class,
                approval -> assertThat(approval.onReject()).isEqualTo(OnError.CONTINUE));
        assertThat(definition.step("par").body()).isInstanceOfSatisfying(StepBody.Parallel.class, parallel -> {
            assertThat(parallel.join()).isEqualTo(StepBody.Parallel.Join.FIRST);
            assertThat(parallel.blocks()).containsOnlyKeys("branch:x", "branch:y");
        });
        assertThat(definition.step("each").body()).isInstanceOfSatisfying(StepBody.Foreach.class,
                foreach -> assertThat(foreach.concurrency()).isEqualTo(2));
        assertThat(definition.step("cd").body()).isEqualTo(new StepBody.Sleep(Duration.ofMinutes(5)));
    }

    @Test
    void missing_required_fields_are_named_per_type() {
        List<Problem> problems = problems("""
                name: gaps
                steps:
                  - {id: a, type: tool}
                  - {id: b, type: agent}
                  - {id: c, type: task}
                  - {id: d, type: if, then: []}
                  - {id: e, type: foreach, steps: [{id: f, type: set}]}
                  - {id: g, type: handoff}
                  - {id: h, type: sleep}
                """);

        assertThat(problems).extracting(Problem::pointer).containsExactly("/steps/0/tool", "/steps/1", "/steps/1/task",
                "/steps/2/capability", "/steps/3/condition", "/steps/3/then", "/steps/4/items", "/steps/4/steps/0/values",
                "/steps/5", "/steps/6/duration");
    }

    @Test
    void unknown_types_fields_and_bad_values_are_refused() {
        List<Problem> problems = problems("""
                name: odd
                steps:
                  - {id: a, type: teleport}
                  - {id: b, type: tool, tool: core.echo, wiht: {}}
                  - {id: c, type: sleep, duration: soon}
                  - {id: d, type: tool, tool: core.echo, retry: {max_attempts: 0, multiplier: 0.5}}
                  - {id: e, type: tool, tool: core.echo, on_error: explode}
                  - {id: 9x, type: tool, tool: core.echo}
                  - {id: par, type: parallel, join: most, branches: [{name: a, steps: [{id: p1, type: set, values: {}}]},
                                                                    {name: a, steps: [{id: p2, type: set, values: {}}]}]}
                """);

        assertThat(problems).extracting(Problem::pointer).containsExactly("/steps/0/type", "/steps/1/wiht",
                "/steps/2/duration", "/steps/3/retry/max_attempts", "/steps/3/retry/multiplier", "/steps/4/on_error",
                "/steps/5/id", "/steps/6/branches/1/name", "/steps/6/join");
    }

    @Test
    void durations_too_long_to_count_in_milliseconds_are_refused_not_crashed_on() {
        assertThat(problems("name: long\nsteps: [{id: a, type: sleep, duration: 99999999999999999999s}]\n"))
                .extracting(Problem::pointer).containsExactly("/steps/0/duration");
        assertThat(problems("name: long\nsteps: [{id: a, type: sleep, duration: 9223372036854775807d}]\n"))
                .extracting(Problem::pointer).containsExactly("/steps/0/duration");
    }

    @Test
    void step_ids_are_unique_across_nesting_and_goto_stays_in_its_block() {
        List<Problem> problems = problems("""
                name: jumps
                steps:
                  - {id: a, type: tool, tool: core.echo, on_error: {goto: later}}
                  - id: cond
                    type: if
                    condition: "true"
                    then:
                      - {id: a, type: set, values: {}}
                      - {id: inner, type: tool, tool: core.echo, on_error: {goto: cleanup}}
                  - {id: later, type: set, values: {}}
                  - {id: cleanup, type: set, values: {}}
                """);

        assertThat(problems).extracting(Problem::pointer).containsExactly("/steps/1/then/0/id", "/steps/1/then/1/on_error/goto");
        assertThat(problems.get(0).detail()).contains("already the id of /steps/0");
    }

    @Test
    void backoff_grows_is_capped_and_jittered() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5), 2, List.of("http.5xx"));

        assertThat(policy.backoffBefore(2)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(policy.backoffBefore(3)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(policy.backoffBefore(10)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        assertThat(policy.allowsAnotherAttempt(4, "http.5xx")).isTrue();
        assertThat(policy.allowsAnotherAttempt(5, "http.5xx")).isFalse();
        assertThat(policy.allowsAnotherAttempt(1, "http.4xx")).isFalse();
    }

    @Test
    void expressions_are_checked_where_they_are_written() {
        List<Problem> problems = problems("""
                name: exprs
                outputs: {total: "${{ steps.a.output + }}"}
                steps:
                  - {id: a, type: tool, tool: core.echo, when: "inputs.x >", with: {url: "https://x/${{ nope.y }}"}}
                  - {id: b, type: if, condition: "'text'", then: [{id: c, type: set, values: {v: 1}}]}
                  - {id: d, type: switch, value: "inputs.kind ==", cases: {x: [{id: e, type: set, values: {}}]}}
                """);

        assertThat(problems).extracting(Problem::pointer).containsExactly("/outputs/total", "/steps/0/when",
                "/steps/0/with/url", "/steps/1/condition", "/steps/2/value");
        assertThat(problems.get(2).detail()).contains("nope");
    }
}
