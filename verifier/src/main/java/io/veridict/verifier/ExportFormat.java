package io.veridict.verifier;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.Rfc3339;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The Veridict export format, version {@value #VERSION}: NDJSON (UTF-8, one JSON object per
 * line, {@code \n} after each). A header line, one line per entry in seq order, an end line:
 *
 * <pre>
 * {"type":"veridict-export","version":3,"tenant_id":"acme","from_seq":0,"to_seq":41,"exported_at":"2026-01-01T00:00:00.000Z"}
 * {"type":"entry","format_version":2,"tenant_id":"acme","seq":0, ... ,"chain_hash":"…","payload":"{\"context\":…}","payload_salt":"…"}
 * {"type":"checkpoint","note":"veridict/acme\n42\n…"}
 * {"type":"end","entries":42}
 * </pre>
 *
 * <p>An entry line holds every field of the entry header under the names of
 * {@link #entryNode(EntryHeader, byte[], byte[])}, the canonical payload JSON text as a JSON
 * string and the payload's salt in hex (both {@code null} once erased; the salt {@code null} for
 * a format version 1 entry). Version 1 exports, without {@code payload_salt}, are still read. Write with {@link ExportWriter}, read with {@link ExportReader},
 * verify with {@link ExportVerifier}.
 *
 * @see "docs/export-format.md"
 */
public final class ExportFormat {

    /** Value of {@code type} on the header line. */
    public static final String FORMAT = "veridict-export";
    /** The export format version this code writes; it also reads {@link #VERSION_1} and {@link #VERSION_2}. */
    public static final int VERSION = 3;
    /** The first export format version: entry lines without {@code payload_salt}. */
    public static final int VERSION_1 = 1;
    /** Entry lines with {@code payload_salt}; no checkpoint line. */
    public static final int VERSION_2 = 2;
    /** Value of {@code type} on the checkpoint line (version 3): the ledger's signed checkpoint of the export's tree. */
    public static final String TYPE_CHECKPOINT = "checkpoint";
    static final String NOTE = "note";
    /** Value of {@code type} on an entry line. */
    public static final String TYPE_ENTRY = "entry";
    /** Value of {@code type} on the end line. */
    public static final String TYPE_END = "end";

    static final String TYPE = "type";
    static final String VERSION_FIELD = "version";
    static final String FROM_SEQ = "from_seq";
    static final String TO_SEQ = "to_seq";
    static final String EXPORTED_AT = "exported_at";
    static final String ENTRIES = "entries";

    static final String FORMAT_VERSION = "format_version";
    static final String TENANT_ID = "tenant_id";
    static final String SEQ = "seq";
    static final String ENTRY_ID = "entry_id";
    static final String ENTRY_TYPE = "entry_type";
    static final String RECEIVED_AT_MS = "received_at_ms";
    static final String RECORDED_AT_MS = "recorded_at_ms";
    static final String ACTOR_KEY_ID = "actor_key_id";
    static final String CORRELATION_ID = "correlation_id";
    static final String PAYLOAD_HASH = "payload_hash";
    static final String LEAF_HASH = "leaf_hash";
    static final String PREV_CHAIN_HASH = "prev_chain_hash";
    static final String CHAIN_HASH = "chain_hash";
    static final String PAYLOAD = "payload";
    static final String PAYLOAD_SALT = "payload_salt";

    /** Parses and prints lines: duplicate members and trailing tokens are errors. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private ExportFormat() {
    }

    /**
     * The JSON object of one entry, as on an entry line but without {@code type}: the shape
     * the API also lists entries in. Members, in this order: {@code format_version},
     * {@code tenant_id}, {@code seq}, {@code entry_id}, {@code entry_type},
     * {@code received_at_ms}, {@code recorded_at_ms}, {@code actor_key_id} (string or null),
     * {@code correlation_id}, {@code payload_hash}, {@code leaf_hash}, {@code prev_chain_hash},
     * {@code chain_hash} (lower-case hex), {@code payload} (the canonical payload JSON text as a
     * string, or null when erased), {@code payload_salt} (the salt in lower-case hex, or null when
     * erased or for a format version 1 entry).
     *
     * @param entry         the Avro header
     * @param payloadOrNull the canonical payload bytes, or null if erased
     * @param saltOrNull    the payload's salt, or null
     * @return a new object node
     * @throws IllegalArgumentException if the payload bytes are not valid UTF-8 (canonical JSON
     *         always is; such bytes cannot travel as a JSON string)
     */
    public static ObjectNode entryNode(LedgerEntry entry, byte[] payloadOrNull, byte[] saltOrNull) {
        return entryNode(AvroHeaders.fromAvro(entry), payloadOrNull, saltOrNull);
    }

    /**
     * Same as {@link #entryNode(LedgerEntry, byte[], byte[])}, from the format library's header.
     *
     * @param header        the header
     * @param payloadOrNull the canonical payload bytes, or null if erased
     * @param saltOrNull    the payload's salt, or null
     * @return a new object node
     */
    public static ObjectNode entryNode(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull) {
        ObjectNode node = NODES.objectNode();
        node.put(FORMAT_VERSION, header.formatVersion());
        node.put(TENANT_ID, header.tenantId());
        node.put(SEQ, header.seq());
        node.put(ENTRY_ID, header.entryId());
        node.put(ENTRY_TYPE, header.entryType());
        node.put(RECEIVED_AT_MS, header.receivedAtMs());
        node.put(RECORDED_AT_MS, header.recordedAtMs());
        node.put(ACTOR_KEY_ID, header.actorKeyIdOrNull());
        node.put(CORRELATION_ID, header.correlationId());
        node.put(PAYLOAD_HASH, HEX.formatHex(header.payloadHash()));
        node.put(LEAF_HASH, HEX.formatHex(header.leafHash()));
        node.put(PREV_CHAIN_HASH, HEX.formatHex(header.prevChainHash()));
        node.put(CHAIN_HASH, HEX.formatHex(header.chainHash()));
        node.put(PAYLOAD, payloadOrNull == null ? null : payloadText(payloadOrNull));
        node.put(PAYLOAD_SALT, payloadOrNull == null || saltOrNull == null ? null : HEX.formatHex(saltOrNull));
        return node;
    }

    /** The entry line: {@code type} first, then {@link #entryNode(EntryHeader, byte[], byte[])}. */
    static ObjectNode entryLine(EntryHeader header, byte[] payloadOrNull, byte[] saltOrNull) {
        ObjectNode line = NODES.objectNode().put(TYPE, TYPE_ENTRY);
        line.setAll(entryNode(header, payloadOrNull, saltOrNull));
        return line;
    }

    /** The checkpoint line: the signed note as a JSON string. */
    static ObjectNode checkpointLine(String signedNote) {
        return NODES.objectNode().put(TYPE, TYPE_CHECKPOINT).put(NOTE, signedNote);
    }

    /** The header line. */
    static ObjectNode headerLine(ExportHeader header) {
        return NODES.objectNode()
                .put(TYPE, FORMAT)
                .put(VERSION_FIELD, VERSION)
                .put(TENANT_ID, header.tenantId())
                .put(FROM_SEQ, header.fromSeq())
                .put(TO_SEQ, header.toSeq())
                .put(EXPORTED_AT, Rfc3339.millis(header.exportedAt()));
    }

    /** The end line. */
    static ObjectNode endLine(long entries) {
        return NODES.objectNode().put(TYPE, TYPE_END).put(ENTRIES, entries);
    }

    /** Decodes UTF-8 strictly: malformed bytes are an error, never replaced. */
    private static String payloadText(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("payload bytes are not valid UTF-8, so not canonical JSON", e);
        }
    }
}
