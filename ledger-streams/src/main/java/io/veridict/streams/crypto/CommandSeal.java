package io.veridict.streams.crypto;

import io.veridict.schemas.avro.CommandBody;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.SealedBody;
import io.veridict.schemas.serde.AvroBinarySerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Seals and opens command bodies (docs/encryption.md), so the commands topic holds no payload in
 * clear. A body is sealed with AES-256-GCM under a command data key: random, used for at most
 * {@link #KEY_LIFETIME} or {@link #MAX_USES} bodies, wrapped by the KMS once and carried, wrapped,
 * in every {@link SealedBody} it sealed, so the chain needs nothing but the KMS to open it. The
 * command's tenant and id are authenticated: a sealed body moved to another command does not open.
 *
 * <p>Thread-safe: the API's request threads seal, a stream thread opens.
 */
public final class CommandSeal {

    /** How long one command data key seals bodies. */
    public static final Duration KEY_LIFETIME = Duration.ofHours(1);
    /** Bodies one command data key seals at most. */
    public static final long MAX_USES = 1L << 24;

    private static final byte[] KEY_TAG = "veridict.command-key.v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEAL_TAG = "veridict.command-seal.v1".getBytes(StandardCharsets.UTF_8);
    private static final int OPENED_KEYS = 1_000;
    private static final AvroBinarySerde<CommandBody> BODIES = new AvroBinarySerde<>(CommandBody.class);

    private final Kms kms;
    private final Clock clock;
    private final RandomBytes random = new RandomBytes();
    private final Map<String, byte[]> opened = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > OPENED_KEYS;
        }
    };
    private Current current;

    public CommandSeal(Kms kms, Clock clock) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The command with its body sealed; a body already sealed is left as it is.
     */
    public LedgerCommand seal(LedgerCommand command) {
        if (command.getBody() instanceof SealedBody) {
            return command;
        }
        byte[] plaintext = BODIES.serialize("seal", new CommandBody(command.getBody()));
        byte[] nonce;
        Current key;
        synchronized (this) {
            key = currentKey();
            key.uses++;
            nonce = random.next(Aes256Gcm.NONCE_SIZE);
        }
        byte[] sealed = Aes256Gcm.seal(key.key, nonce, plaintext, aad(command));
        Arrays.fill(plaintext, (byte) 0);
        SealedBody body = new SealedBody(key.kekId, ByteBuffer.wrap(key.wrapped), ByteBuffer.wrap(nonce), ByteBuffer.wrap(sealed));
        return withBody(command, body);
    }

    /**
     * The command with its body in clear: as it is when not sealed.
     *
     * @throws KeyUnavailableException when the body does not open (unknown KEK, altered, or moved
     *                                 to another command)
     */
    public LedgerCommand open(LedgerCommand command) {
        if (!(command.getBody() instanceof SealedBody sealed)) {
            return command;
        }
        byte[] key = commandKey(sealed.getKekId(), Buffers.copy(sealed.getWrappedKey()));
        byte[] plaintext = Aes256Gcm.openOrNull(key, Buffers.copy(sealed.getNonce()), Buffers.copy(sealed.getCiphertext()),
                aad(command));
        if (plaintext == null) {
            throw new KeyUnavailableException("the sealed command body does not authenticate");
        }
        CommandBody body;
        try {
            body = BODIES.deserialize("open", plaintext);
        } catch (RuntimeException e) {
            throw new KeyUnavailableException("the sealed command body is not a command body");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        return withBody(command, body.getBody());
    }

    private Current currentKey() {
        long now = clock.millis();
        if (current == null || current.uses >= MAX_USES || now - current.createdAtMs >= KEY_LIFETIME.toMillis()) {
            byte[] key = random.next(Aes256Gcm.KEY_SIZE);
            Kms.Wrapped wrapped = kms.wrap(key, KEY_TAG);
            current = new Current(key, wrapped.kekId(), wrapped.bytes(), now);
        }
        return current;
    }

    private byte[] commandKey(String kekId, byte[] wrapped) {
        String id = kekId + '\u0000' + java.util.HexFormat.of().formatHex(wrapped);
        synchronized (opened) {
            byte[] known = opened.get(id);
            if (known != null) {
                return known;
            }
        }
        byte[] key = kms.unwrap(new Kms.Wrapped(kekId, wrapped), KEY_TAG);
        synchronized (opened) {
            opened.put(id, key);
        }
        return key;
    }

    /** A copy with another body (the generated builder's deep copy is not used: it looks classes up by name). */
    private static LedgerCommand withBody(LedgerCommand command, Object body) {
        return new LedgerCommand(command.getCommandId(), command.getTenantId(), command.getIdempotencyKey(),
                command.getCorrelationId(), command.getActor(), command.getReceivedAt(), body);
    }

    private static byte[] aad(LedgerCommand command) {
        return new Aad().bytes(SEAL_TAG).text(command.getTenantId()).text(command.getCommandId()).toByteArray();
    }

    private static final class Current {
        final byte[] key;
        final String kekId;
        final byte[] wrapped;
        final long createdAtMs;
        long uses;

        Current(byte[] key, String kekId, byte[] wrapped, long createdAtMs) {
            this.key = key;
            this.kekId = kekId;
            this.wrapped = wrapped;
            this.createdAtMs = createdAtMs;
        }
    }
}
