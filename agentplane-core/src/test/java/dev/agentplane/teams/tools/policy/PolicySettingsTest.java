package dev.agentplane.teams.tools.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.Json;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
    private static PolicySettings read(String yaml) throws Exception {
        return PolicySettings.from(Json.YAML.readTree(yaml), "tools.policy");
    }

    @Test
    void defaults_run_the_whole_built_in_pack_and_require_owner_and_environment() {
        PolicySettings defaults = PolicySettings.from(null, "tools.policy");

        assertThat(defaults.requiredTags()).containsExactly("owner", "environment");
        assertThat(defaults.rules()).extracting(PolicyRule::id).containsExactly("no-destroy-protected",
                "required-tags", "no-open-ingress", "storage-encryption");
        assertThat(PolicySettings.builtinRuleIds()).hasSize(4);
    }

    @Test
    void a_disabled_built_in_rule_can_be_replaced_by_a_custom_one_with_its_id() throws Exception {
        PolicySettings settings = read("""
                disable: [required-tags]
                rules:
                  - id: required-tags
                    description: only owner matters
                    severity: low
                    condition: resource.taggable && !("owner" in resource.tags)
                """);

        assertThat(settings.rules()).extracting(PolicyRule::id, PolicyRule::severity).contains(
                org.assertj.core.groups.Tuple.tuple("required-tags", "low"));
        assertThat(settings.rules()).hasSize(4);
    }

    @Test
    void invalid_rules_are_settings_errors_naming_the_rule() {
        assertThatThrownBy(() -> read("""
                rules:
                  - id: broken
                    description: d
                    condition: resource.actions.exists(a, a ==
                """)).hasMessageStartingWith("tools.policy.rules[0] (rule 'broken'): condition is not valid CEL:");
        assertThatThrownBy(() -> read("""
                rules:
                  - id: unknown-name
                    description: d
                    condition: resourse.type == "x"
                """)).hasMessageContaining("tools.policy.rules[0] (rule 'unknown-name'): condition is not valid "
                + "CEL: undeclared reference to 'resourse'");
        assertThatThrownBy(() -> read("""
                rules:
                  - id: not-bool
                    description: d
                    condition: size(resource.address)
                """)).hasMessage("tools.policy.rules[0] (rule 'not-bool'): condition is not valid CEL: returns int, "
                + "not bool");
        assertThatThrownBy(() -> read("""
                rules:
                  - id: bad-message
                    description: d
                    condition: "true"
                    message: 1 +
                """)).hasMessageStartingWith("tools.policy.rules[0] (rule 'bad-message'): message is not valid CEL");
        assertThatThrownBy(() -> read("""
                rules:
                  - id: loud
                    description: d
                    severity: blocker
                    condition: "true"
                """)).hasMessage("tools.policy.rules[0] (rule 'loud'): severity must be one of low, medium, high, "
                + "critical");
        assertThatThrownBy(() -> read("""
                rules:
                  - id: no-open-ingress
                    description: d
                    condition: "false"
                """)).hasMessage("tools.policy.rules[0] (rule 'no-open-ingress'): the id is already taken by a "
                + "built-in rule; to replace it, also add it to tools.policy.disable");
        assertThatThrownBy(() -> read("""
                rules:
                  - description: d
                    condition: "false"
                """)).hasMessageStartingWith("tools.policy.rules[0]: id must be");
        assertThatThrownBy(() -> read("rules:\n  - {id: x, description: d, condition: 'true', when: always}"))
                .hasMessage("tools.policy.rules[0] (rule 'x').when is not a rule key; use id, description, "
                        + "severity, condition, message");
    }

    @Test
    void other_settings_errors_name_the_key() {
        assertThatThrownBy(() -> read("disable: [no-such-rule]")).hasMessage("tools.policy.disable[0]: "
                + "'no-such-rule' is not a built-in rule; the built-in rules are no-destroy-protected, "
                + "required-tags, no-open-ingress, storage-encryption");
        assertThatThrownBy(() -> read("required_tags: owner")).hasMessage(
                "tools.policy.required_tags must be a list of strings");
        assertThatThrownBy(() -> read("required_tags: [owner, '']")).hasMessage(
                "tools.policy.required_tags[1] must be a non-empty string");
        assertThatThrownBy(() -> read("rule: []")).hasMessageStartingWith(
                "tools.policy.rule is not a setting of policy");
    }
}
