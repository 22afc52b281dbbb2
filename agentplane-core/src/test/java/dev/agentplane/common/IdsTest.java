package dev.agentplane.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ids_are_version_7_uuids_that_sort_by_creation_time() {
        String earlier = Ids.newId(1_700_000_000_000L);
        String later = Ids.newId(1_700_000_000_001L);

        assertThat(UUID.fromString(earlier).version()).isEqualTo(7);
        assertThat(UUID.fromString(earlier).variant()).isEqualTo(2);
        assertThat(earlier).isLessThan(later);
        assertThat(Ids.isValid(earlier)).isTrue();
        assertThat(Ids.isValid("not-a-uuid")).isFalse();
    }
}
