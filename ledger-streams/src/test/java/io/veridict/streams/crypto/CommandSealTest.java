package io.veridict.streams.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.dev.testing.MutableClock;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.SealedBody;
import io.veridict.schemas.serde.AvroBinarySerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSealTest {

    private static final String MARKER = "Qz-applicant-app-829";
    private final Kms kms = LocalKms.parse(LocalKms.generate("kek-1"));
    private final CommandSeal seal = new CommandSeal(kms, Clock.systemUTC());

    @Test
    void shouldSealTheBodyOnlyAndOpenItBackExactly() {
        LedgerCommand command = command("cmd-1");

        LedgerCommand sealed = seal.seal(command);

        assertThat(sealed.getBody()).isInstanceOf(SealedBody.class);
        assertThat(sealed.getCommandId()).isEqualTo("cmd-1");
        assertThat(sealed.getIdempotencyKey()).isEqualTo(command.getIdempotencyKey());
        byte[] wire = new AvroBinarySerde<>(LedgerCommand.class).serialize("t", sealed);
        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
        assertThat(seal.open(sealed)).isEqualTo(command);
        assertThat(new CommandSeal(kms, Clock.systemUTC()).open(sealed)).as("any instance with the KEK").isEqualTo(command);
        assertThat(seal.seal(sealed)).as("sealed once").isSameAs(sealed);
        assertThat(seal.open(command)).as("a clear body passes").isSameAs(command);
    }

    @Test
    void shouldRefuseABodyMovedToAnotherCommandOrTenantOrAltered() {
        LedgerCommand sealed = seal.seal(command("cmd-1"));
        LedgerCommand moved = copy(sealed);
        moved.setCommandId("cmd-2");
        LedgerCommand otherTenant = copy(sealed);
        otherTenant.setTenantId("globex");
        SealedBody body = (SealedBody) sealed.getBody();
        byte[] altered = body.getCiphertext().array().clone();
        altered[0] ^= 1;
        LedgerCommand tampered = copy(sealed);
        tampered.setBody(new SealedBody(body.getKekId(), body.getWrappedKey(), body.getNonce(), ByteBuffer.wrap(altered)));

        for (LedgerCommand bad : List.of(moved, otherTenant, tampered)) {
            assertThatThrownBy(() -> seal.open(bad)).isInstanceOf(KeyUnavailableException.class)
                    .hasMessageNotContaining(MARKER);
        }
        assertThatThrownBy(() -> new CommandSeal(LocalKms.parse(LocalKms.generate("kek-9")), Clock.systemUTC()).open(sealed))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("kek-1 is not configured");
    }

    @Test
    void shouldKeepOneCommandKeyForAnHourThenTakeANewOne() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        CommandSeal timed = new CommandSeal(kms, clock);
        ByteBuffer first = ((SealedBody) timed.seal(command("a")).getBody()).getWrappedKey();
        clock.advance(java.time.Duration.ofSeconds(3599));
        ByteBuffer same = ((SealedBody) timed.seal(command("b")).getBody()).getWrappedKey();
        clock.advance(java.time.Duration.ofSeconds(1));
        ByteBuffer next = ((SealedBody) timed.seal(command("c")).getBody()).getWrappedKey();

        assertThat(same).isEqualTo(first);
        assertThat(next).isNotEqualTo(first);
    }

    private static LedgerCommand copy(LedgerCommand c) {
        return new LedgerCommand(c.getCommandId(), c.getTenantId(), c.getIdempotencyKey(), c.getCorrelationId(), c.getActor(),
                c.getReceivedAt(), c.getBody());
    }

    private static LedgerCommand command(String id) {
        return LedgerCommand.newBuilder().setCommandId(id).setTenantId("acme").setIdempotencyKey("k-" + id)
                .setCorrelationId("corr").setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-1").build())
                .setReceivedAt(Instant.parse("2026-12-07T10:00:00Z"))
                .setBody(RecordDecision.newBuilder().setContextJson("{\"applicant\":\"" + MARKER + "\"}")
                        .setDecisionJson("\"approve\"").setViolations(List.of()).setEvidence(List.of()).build())
                .build();
    }
}
