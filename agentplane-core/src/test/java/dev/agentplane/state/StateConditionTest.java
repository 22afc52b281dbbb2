package dev.agentplane.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.problems.InvalidInputException;
import org.junit.jupiter.api.Test;

class StateConditionTest {

    @Test
    void reads_the_precondition_from_the_headers() {
        assertThat(StateCondition.fromHeaders(null, null)).isEqualTo(StateCondition.ALWAYS);
        assertThat(StateCondition.fromHeaders("\"7\"", null)).isEqualTo(new StateCondition.VersionIs(7));
        assertThat(StateCondition.fromHeaders(" * ", null)).isEqualTo(new StateCondition.Exists());
        assertThat(StateCondition.fromHeaders(null, "*")).isEqualTo(new StateCondition.Absent());
        assertThat(StateCondition.etag(12)).isEqualTo("\"12\"");
    }

    @Test
    void refuses_malformed_or_contradictory_headers_by_name() {
        for (String bad : new String[] {"7", "W/\"7\"", "\"0\"", "\"abc\"", "\"1\", \"2\"", "\"99999999999999999999\""}) {
            assertThatThrownBy(() -> StateCondition.fromHeaders(bad, null))
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors().get(0).parameter()).isEqualTo("If-Match"));
        }
        assertThatThrownBy(() -> StateCondition.fromHeaders(null, "\"3\""))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("If-None-Match"));
        assertThatThrownBy(() -> StateCondition.fromHeaders("\"3\"", "*"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("If-None-Match"));
    }
}
