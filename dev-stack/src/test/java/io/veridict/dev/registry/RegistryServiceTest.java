package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryServiceTest {

    private final List<RegistryRecord> journal = new ArrayList<>();
    private final RegistryService service = new RegistryService(new RegistryState(), journal::add);

    @Test
    void shouldGiveTheFirstSchemaIdOneAsVersionOneAndJournalIt() {
        int id = service.register("users-value", avro("user-v1.avsc"));

        assertThat(id).isEqualTo(1);
        assertThat(service.version("users-value", 1)).isEqualTo(
                new SubjectVersion("users-value", 1, 1, avro("user-v1.avsc")));
        assertThat(journal).containsExactly(
                new RegistryRecord.SchemaRecord("users-value", 1, 1, avro("user-v1.avsc")));
    }

    @Test
    void shouldReturnTheExistingIdWithoutANewVersionForAnIdenticalSchema() {
        int first = service.register("users-value", avro("user-v1.avsc"));
        service.register("users-value", avro("user-v2-email-with-default.avsc"));

        int again = service.register("users-value", avro("user-v1-reformatted.avsc"));

        assertThat(again).isEqualTo(first);
        assertThat(service.versionNumbers("users-value")).containsExactly(1, 2);
        assertThat(journal).hasSize(2);
    }

    @Test
    void shouldReuseTheGlobalIdForTheSameSchemaUnderAnotherSubject() {
        int users = service.register("users-value", avro("user-v1.avsc"));
        int orders = service.register("orders-value", avro("order-v1.avsc"));
        int copy = service.register("user-copies-value", avro("user-v1.avsc"));

        assertThat(orders).isEqualTo(2);
        assertThat(copy).isEqualTo(users);
        assertThat(service.usagesOf(users)).extracting(SubjectVersion::subject)
                .containsExactly("user-copies-value", "users-value");
        assertThat(service.subjects()).containsExactly("orders-value", "user-copies-value", "users-value");
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409AndJournalNothing() {
        service.register("users-value", avro("user-v1.avsc"));

        assertThatThrownBy(() -> service.register("users-value", avro("user-v2-email-without-default.avsc")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).startsWith("Schema being registered is incompatible with an earlier "
                            + "schema for subject \"users-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'");
                });
        assertThat(journal).hasSize(1);
        assertThat(service.versionNumbers("users-value")).containsExactly(1);
    }

    @Test
    void shouldRegisterAnAllowedEvolutionAsTheNextVersionWithTheNextId() {
        service.register("users-value", avro("user-v1.avsc"));

        int id = service.register("users-value", avro("user-v2-email-with-default.avsc"));

        assertThat(id).isEqualTo(2);
        assertThat(service.version("users-value", RegistryService.LATEST).version()).isEqualTo(2);
    }

    @Test
    void shouldPreferTheSubjectLevelOverTheGlobalLevel() {
        service.register("users-value", avro("user-v1.avsc"));
        service.setGlobalLevel(CompatibilityLevel.FULL);
        service.setSubjectLevel("users-value", CompatibilityLevel.NONE);

        assertThat(service.register("users-value", avro("order-v1.avsc"))).isEqualTo(2);
        assertThat(service.subjectLevel("users-value", false)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(service.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void shouldAnswer40408WithoutSubjectLevelUnlessAskedToDefaultToGlobal() {
        assertThatThrownBy(() -> service.subjectLevel("users-value", false))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40408));
        assertThat(service.subjectLevel("users-value", true)).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldTreatASubjectWithoutVersionsAsCompatibleWithLatest() {
        assertThat(service.checkCompatibility("nobody", RegistryService.LATEST, avro("user-v1.avsc"))).isEmpty();
        assertThatThrownBy(() -> service.checkCompatibility("nobody", 1, avro("user-v1.avsc")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void shouldReportMissingSubjectsVersionsAndSchemasWithTheirCodes() {
        service.register("users-value", avro("user-v1.avsc"));

        assertThatThrownBy(() -> service.version("nobody", 1)).hasMessage("Subject 'nobody' not found.");
        assertThatThrownBy(() -> service.version("users-value", 7)).hasMessage("Version 7 not found.")
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> service.schemaById(99)).hasMessage("Schema 99 not found")
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> service.lookup("users-value", avro("order-v1.avsc")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldLeaveTheStateUnchangedWhenTheJournalFails() {
        RegistryService failing = new RegistryService(new RegistryState(), record -> {
            throw RegistryException.backend("test", new RuntimeException("broker down"));
        });

        assertThatThrownBy(() -> failing.register("users-value", avro("user-v1.avsc")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThat(failing.subjects()).isEmpty();
        assertThatThrownBy(() -> failing.setGlobalLevel(CompatibilityLevel.NONE)).isInstanceOf(RegistryException.class);
        assertThat(failing.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldRebuildTheSameStateByReplayingTheJournal() {
        service.register("users-value", avro("user-v1.avsc"));
        service.register("users-value", avro("user-v2-email-with-default.avsc"));
        service.register("orders-value", avro("order-v1.avsc"));
        service.setGlobalLevel(CompatibilityLevel.FORWARD);
        service.setSubjectLevel("orders-value", CompatibilityLevel.NONE);

        RegistryState replayed = new RegistryState();
        journal.forEach(replayed::apply);
        RegistryService restored = new RegistryService(replayed, r -> { });

        assertThat(restored.subjects()).isEqualTo(service.subjects());
        assertThat(restored.version("users-value", 2)).isEqualTo(service.version("users-value", 2));
        assertThat(restored.version("orders-value", 1).id()).isEqualTo(3);
        assertThat(restored.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(restored.subjectLevel("orders-value", false)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(restored.register("people-value", avro("user-without-name.avsc"))).isEqualTo(4);
    }

    @Test
    void shouldAssignOneMoreThanTheLargestIdEverSeen() {
        RegistryState state = new RegistryState();
        state.apply(new RegistryRecord.SchemaRecord("imported", 1, 41, avro("user-v1.avsc")));

        assertThat(new RegistryService(state, r -> { }).register("orders-value", avro("order-v1.avsc"))).isEqualTo(42);
    }

    @Test
    void shouldNeverJournalASubjectOutsideTheRule() {
        for (String subject : List.of("../../config", "a/b", "", "__GLOBAL", "users\u0000")) {
            assertThatThrownBy(() -> service.register(subject, avro("user-v1.avsc"))).as(subject)
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42208));
            assertThatThrownBy(() -> service.setSubjectLevel(subject, CompatibilityLevel.NONE)).as(subject)
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42208));
        }

        assertThat(journal).isEmpty();
        assertThat(service.subjects()).isEmpty();
    }
}
