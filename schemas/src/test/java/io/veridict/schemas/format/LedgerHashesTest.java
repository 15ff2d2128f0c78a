package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LedgerHashesTest {

    private static final byte[] PAYLOAD_HASH = NaiveMerkle.sha256("{}".getBytes(StandardCharsets.UTF_8));
    private static final byte[] ZERO = new byte[32];

    @Test
    void genesisHashesThePrefixTheTagAndTheTenant() {
        byte[] expected = NaiveMerkle.sha256(new byte[] {3}, str("veridict.genesis.v1"), str("acme"));
        assertThat(LedgerHashes.genesis("acme")).isEqualTo(expected);
        assertThat(LedgerHashes.genesis("acme")).isNotEqualTo(LedgerHashes.genesis("acme "));
    }

    @Test
    void leafBytesFollowTheSpecLayoutFieldByField() {
        EntryHeader header = header("acme", 7, "key_live_1");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(str("veridict.entry.v1"));
        expected.writeBytes(new byte[] {0, 1});
        expected.writeBytes(str("acme"));
        expected.writeBytes(ByteBuffer.allocate(8).putLong(7).array());
        expected.writeBytes(str("entry-7"));
        expected.writeBytes(str("DECISION"));
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1_000L).array());
        expected.writeBytes(ByteBuffer.allocate(8).putLong(-2L).array());
        expected.write(1);
        expected.writeBytes(str("key_live_1"));
        expected.writeBytes(str("corr-7"));
        expected.writeBytes(PAYLOAD_HASH);
        assertThat(LedgerHashes.leafBytes(header)).isEqualTo(expected.toByteArray());
    }

    @Test
    void anAbsentActorKeyIsASingleZeroByteAndDiffersFromAnEmptyOne() {
        byte[] absent = LedgerHashes.leafBytes(header("acme", 0, null));
        byte[] empty = LedgerHashes.leafBytes(header("acme", 0, ""));
        assertThat(empty.length - absent.length).isEqualTo(4);
        int actorOffset = 4 + 17 + 2 + 4 + 4 + 8 + 4 + 7 + 4 + 8 + 8 + 8;
        assertThat(absent[actorOffset]).isZero();
        assertThat(empty[actorOffset]).isEqualTo((byte) 1);
        assertThat(LedgerHashes.leafHash(header("acme", 0, null)))
                .isNotEqualTo(LedgerHashes.leafHash(header("acme", 0, "")));
    }

    @Test
    void stringLengthsCountUtf8BytesNotCharacters() {
        byte[] leaf = LedgerHashes.leafBytes(header("zü🦊", 0, null));
        int tenantLengthOffset = 4 + 17 + 2;
        assertThat(ByteBuffer.wrap(leaf, tenantLengthOffset, 4).getInt()).isEqualTo(1 + 2 + 4);
    }

    @Test
    void leafHashIsAnRfc9162LeafOverTheLeafBytes() {
        EntryHeader header = header("acme", 3, null);
        assertThat(LedgerHashes.leafHash(header))
                .isEqualTo(NaiveMerkle.sha256(new byte[] {0}, LedgerHashes.leafBytes(header)));
    }

    @Test
    void chainHashPrefixesTheLinkWith0x02() {
        byte[] prev = NaiveMerkle.sha256(new byte[] {9});
        byte[] leaf = NaiveMerkle.sha256(new byte[] {8});
        assertThat(LedgerHashes.chainHash(prev, leaf)).isEqualTo(NaiveMerkle.sha256(new byte[] {2}, prev, leaf));
        assertThat(LedgerHashes.chainHash(prev, leaf)).isNotEqualTo(MerkleTree.nodeHash(prev, leaf));
    }

    @Test
    void payloadHashIsThePlainSha256OfThePayloadBytes() {
        assertThat(HexFormat.of().formatHex(LedgerHashes.payloadHash("{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void saltedPayloadHashPrefixesTheTagAndTheSalt() {
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        // computed independently: Python hashlib over b"\x04" + str("veridict.payload.v2") + salt + b"{}"
        assertThat(HexFormat.of().formatHex(LedgerHashes.saltedPayloadHash(salt, payload)))
                .isEqualTo("c151542929775d7b8247972aef2f4e67b9a6115a9ee9fbc7b74accf1b63ab8bc");
        assertThat(LedgerHashes.saltedPayloadHash(salt, payload))
                .isEqualTo(NaiveMerkle.sha256(new byte[] {4}, str("veridict.payload.v2"), salt, payload))
                .isEqualTo(LedgerHashes.payloadHash(2, payload, salt))
                .isNotEqualTo(LedgerHashes.payloadHash(payload));
        byte[] otherSalt = salt.clone();
        otherSalt[31] ^= 1;
        assertThat(LedgerHashes.saltedPayloadHash(otherSalt, payload)).isNotEqualTo(LedgerHashes.saltedPayloadHash(salt, payload));
    }

    @Test
    void thePayloadHashOfAVersionNeedsExactlyTheSaltItsVersionHas() {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(LedgerHashes.payloadHash(1, payload, null)).isEqualTo(LedgerHashes.payloadHash(payload));
        assertThatThrownBy(() -> LedgerHashes.payloadHash(1, payload, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1 payload has no salt");
        assertThatThrownBy(() -> LedgerHashes.payloadHash(2, payload, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its salt");
        for (int size : new int[] {0, 16, 31, 33, 64}) {
            assertThatThrownBy(() -> LedgerHashes.payloadHash(2, payload, new byte[size]))
                    .as("salt of %d bytes", size).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32 bytes, not " + size);
        }
        assertThatThrownBy(() -> LedgerHashes.payloadHash(3, payload, null)).isInstanceOf(UnsupportedFormatVersionException.class);
    }

    @Test
    void versionTwoLeafBytesDifferOnlyInTheirTag() {
        EntryHeader v1 = header("acme", 7, "key_live_1");
        EntryHeader v2 = HeaderEdit.of(v1).formatVersion(2).build();
        byte[] one = LedgerHashes.leafBytes(v1);
        byte[] two = LedgerHashes.leafBytes(v2);
        assertThat(two).hasSameSizeAs(one);
        assertThat(java.util.Arrays.copyOfRange(two, 0, 21)).isEqualTo(str("veridict.entry.v2"));
        assertThat(java.util.Arrays.copyOfRange(two, 21, 23)).isEqualTo(new byte[] {0, 2});
        assertThat(java.util.Arrays.copyOfRange(two, 23, two.length)).isEqualTo(java.util.Arrays.copyOfRange(one, 23, one.length));
    }

    @Test
    void sealComputesHashesThatTheirOwnRecomputationConfirms() {
        EntryHeader sealed = EntryHeader.seal(1, "acme", 0, "e", "DECISION", 1, 2, null, "c", PAYLOAD_HASH,
                LedgerHashes.genesis("acme"));
        assertThat(sealed.leafHash()).isEqualTo(LedgerHashes.leafHash(sealed));
        assertThat(sealed.chainHash()).isEqualTo(LedgerHashes.chainHash(LedgerHashes.genesis("acme"), sealed.leafHash()));
    }

    @Test
    void anUnsupportedVersionCannotBeHashed() {
        EntryHeader v3 = HeaderEdit.of(header("acme", 0, null)).formatVersion(3).build();
        assertThatThrownBy(() -> LedgerHashes.leafBytes(v3))
                .isInstanceOfSatisfying(UnsupportedFormatVersionException.class,
                        e -> assertThat(e.version()).isEqualTo(3));
        assertThatThrownBy(() -> EntryHeader.seal(0, "acme", 0, "e", "DECISION", 1, 2, null, "c", PAYLOAD_HASH, ZERO))
                .isInstanceOf(UnsupportedFormatVersionException.class);
    }

    @Test
    void headersRefuseUnpairedSurrogatesAndHashesOfTheWrongSize() {
        assertThatThrownBy(() -> header("bad\ud800", 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenantId is not valid Unicode");
        assertThatThrownBy(() -> new EntryHeader(1, "t", 0, "e", "DECISION", 0, 0, null, "c", new byte[31],
                ZERO, ZERO, ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payloadHash");
        assertThatThrownBy(() -> new EntryHeader(1, "t", 0, null, "DECISION", 0, 0, null, "c", ZERO,
                ZERO, ZERO, ZERO)).isInstanceOf(NullPointerException.class).hasMessageContaining("entryId");
    }

    @Test
    void headersAreImmutableAndCompareByContent() {
        EntryHeader header = header("acme", 1, null);
        header.payloadHash()[0] ^= 1;
        assertThat(header.payloadHash()).isEqualTo(PAYLOAD_HASH);
        assertThat(header).isEqualTo(header("acme", 1, null)).hasSameHashCodeAs(header("acme", 1, null));
    }

    private static EntryHeader header(String tenant, long seq, String actorKeyId) {
        return new EntryHeader(1, tenant, seq, "entry-" + seq, "DECISION", 1_000L, -2L, actorKeyId,
                "corr-" + seq, PAYLOAD_HASH, ZERO, ZERO, ZERO);
    }

    private static byte[] str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }
}
