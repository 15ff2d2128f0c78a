package io.veridict.streams.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Entry ids are random UUIDs of the form {@link UUID#randomUUID()} gives, never repeated. */
class EntryIdsTest {

    @Test
    void shouldMakeDistinctVersion4UuidsAcrossManyRefills() {
        EntryIds ids = new EntryIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).as("id %s repeated", id).isTrue();
        }
    }
}
