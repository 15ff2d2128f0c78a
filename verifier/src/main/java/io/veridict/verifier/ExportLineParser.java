package io.veridict.verifier;

import static io.veridict.verifier.ExportFormat.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.EntryHeader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * Turns the lines of an export into values, strictly: every member present with its JSON type,
 * no other member, hashes as 64 lower-case hex digits, integers without fraction or exponent.
 * Errors never quote a payload.
 */
final class ExportLineParser {

    private static final Set<String> HEADER_MEMBERS = Set.of(TYPE, VERSION_FIELD, TENANT_ID, FROM_SEQ, TO_SEQ, EXPORTED_AT);
    private static final Set<String> END_MEMBERS = Set.of(TYPE, ENTRIES);
    private static final Set<String> ENTRY_MEMBERS = Set.of(TYPE, FORMAT_VERSION, TENANT_ID, SEQ, ENTRY_ID,
            ENTRY_TYPE, RECEIVED_AT_MS, RECORDED_AT_MS, ACTOR_KEY_ID, CORRELATION_ID, PAYLOAD_HASH, LEAF_HASH,
            PREV_CHAIN_HASH, CHAIN_HASH, PAYLOAD);
    /** Export version 2 adds the payload's salt. */
    private static final Set<String> ENTRY_MEMBERS_V2 = java.util.stream.Stream.concat(ENTRY_MEMBERS.stream(),
            java.util.stream.Stream.of(PAYLOAD_SALT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final HexFormat HEX = HexFormat.of();

    private final long line;

    private ExportLineParser(long line) {
        this.line = line;
    }

    /** Parses one line of text into a JSON object. */
    static JsonNode object(String text, long line) throws ExportFormatException {
        if (text.isBlank()) {
            throw new ExportFormatException(line, "blank line");
        }
        JsonNode node;
        try {
            node = ExportFormat.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ExportFormatException(line, "not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ExportFormatException(line, "not a JSON object");
        }
        return node;
    }

    /** The value of {@code type}, required to be a string. */
    static String type(JsonNode node, long line) throws ExportFormatException {
        return new ExportLineParser(line).text(node, TYPE);
    }

    static ExportHeader header(JsonNode node, long line) throws ExportFormatException {
        ExportLineParser p = new ExportLineParser(line);
        if (!FORMAT.equals(p.text(node, TYPE))) {
            throw new ExportFormatException(line, "not a Veridict export: the first line must have type \"" + FORMAT + "\"");
        }
        p.onlyMembers(node, HEADER_MEMBERS);
        long version = p.integer(node, VERSION_FIELD);
        if (version != VERSION_1 && version != VERSION_2 && version != VERSION) {
            throw new ExportFormatException(line, "export format version " + version
                    + " is not supported (this reader knows " + VERSION_1 + " to " + VERSION + ")");
        }
        String tenant = p.text(node, TENANT_ID);
        if (!isUnicode(tenant)) {
            throw new ExportFormatException(line, "\"" + TENANT_ID + "\" holds an unpaired surrogate");
        }
        try {
            return new ExportHeader(tenant, p.integer(node, FROM_SEQ), p.integer(node, TO_SEQ),
                    p.instant(node, EXPORTED_AT));
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException(line, e.getMessage());
        }
    }

    /** The export version of a header line that {@link #header} accepted. */
    static int version(JsonNode headerLine) {
        return headerLine.get(VERSION_FIELD).intValue();
    }

    static long endCount(JsonNode node, long line) throws ExportFormatException {
        ExportLineParser p = new ExportLineParser(line);
        p.onlyMembers(node, END_MEMBERS);
        return p.integer(node, ENTRIES);
    }

    /** The checkpoint line's signed note (not opened here). */
    static String checkpointNote(JsonNode node, long line) throws ExportFormatException {
        ExportLineParser p = new ExportLineParser(line);
        p.onlyMembers(node, Set.of(TYPE, NOTE));
        return p.text(node, NOTE);
    }

    static ExportEntry entry(JsonNode node, long line, int exportVersion) throws ExportFormatException {
        ExportLineParser p = new ExportLineParser(line);
        boolean salts = exportVersion >= VERSION_2;
        p.onlyMembers(node, salts ? ENTRY_MEMBERS_V2 : ENTRY_MEMBERS);
        long version = p.integer(node, FORMAT_VERSION);
        if (version < Integer.MIN_VALUE || version > Integer.MAX_VALUE) {
            throw new ExportFormatException(line, "\"" + FORMAT_VERSION + "\" is out of range");
        }
        try {
            EntryHeader header = new EntryHeader((int) version, p.text(node, TENANT_ID), p.integer(node, SEQ),
                    p.text(node, ENTRY_ID), p.text(node, ENTRY_TYPE), p.integer(node, RECEIVED_AT_MS),
                    p.integer(node, RECORDED_AT_MS), p.textOrNull(node, ACTOR_KEY_ID), p.text(node, CORRELATION_ID),
                    p.hash(node, PAYLOAD_HASH), p.hash(node, LEAF_HASH), p.hash(node, PREV_CHAIN_HASH),
                    p.hash(node, CHAIN_HASH));
            String payload = p.textOrNull(node, PAYLOAD);
            byte[] salt = salts ? p.saltOrNull(node) : null;
            return new ExportEntry(header, payload == null ? null : p.utf8(payload), salt, line);
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException(line, e.getMessage());
        }
    }

    /** Whether every surrogate in {@code text} is part of a pair. */
    private static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private void onlyMembers(JsonNode node, Set<String> allowed) throws ExportFormatException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ExportFormatException(line, "unknown member \"" + name + "\"");
            }
        }
    }

    private JsonNode member(JsonNode node, String name) throws ExportFormatException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new ExportFormatException(line, "member \"" + name + "\" is missing");
        }
        return value;
    }

    private String text(JsonNode node, String name) throws ExportFormatException {
        JsonNode value = member(node, name);
        if (!value.isTextual()) {
            throw new ExportFormatException(line, "\"" + name + "\" must be a string, found " + value.getNodeType());
        }
        return value.textValue();
    }

    private String textOrNull(JsonNode node, String name) throws ExportFormatException {
        return member(node, name).isNull() ? null : text(node, name);
    }

    private long integer(JsonNode node, String name) throws ExportFormatException {
        JsonNode value = member(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ExportFormatException(line, "\"" + name + "\" must be an integer within 64 bits");
        }
        return value.longValue();
    }

    private byte[] hash(JsonNode node, String name) throws ExportFormatException {
        String text = text(node, name);
        if (text.length() != 64 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new ExportFormatException(line, "\"" + name + "\" must be 64 lower-case hex digits");
        }
        return HEX.parseHex(text);
    }

    /** {@code payload_salt}: null, or 64 lower-case hex digits; present only beside a payload. */
    private byte[] saltOrNull(JsonNode node) throws ExportFormatException {
        if (member(node, PAYLOAD_SALT).isNull()) {
            return null;
        }
        if (member(node, PAYLOAD).isNull()) {
            throw new ExportFormatException(line, "\"" + PAYLOAD_SALT + "\" must be null when \"" + PAYLOAD + "\" is");
        }
        return hash(node, PAYLOAD_SALT);
    }

    private Instant instant(JsonNode node, String name) throws ExportFormatException {
        String text = text(node, name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ExportFormatException(line, "\"" + name + "\" is not an RFC 3339 date-time");
        }
    }

    /** The payload's UTF-8 bytes; a lone surrogate (from a {@code \\ud800} escape) is an error. */
    private byte[] utf8(String payload) throws ExportFormatException {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(payload));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new ExportFormatException(line, "\"" + PAYLOAD + "\" holds an unpaired surrogate, so it is not UTF-8 text");
        }
    }
}
