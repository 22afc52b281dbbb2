package dev.agentplane.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.problems.InvalidInputException;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void a_cursor_round_trips_its_sort_key() {
        assertThat(Cursor.decode(Cursor.encode("key/with:odd chars"))).isEqualTo("key/with:odd chars");
    }

    @Test
    void a_forged_or_garbled_cursor_is_a_400_naming_the_parameter() {
        for (String bad : new String[] {"%%%", "bm90LWEtY3Vyc29y", "abc"}) {
            assertThatThrownBy(() -> Cursor.decode(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.errors().get(0).parameter()).isEqualTo("cursor"));
        }
    }
}
