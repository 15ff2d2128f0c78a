package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.serde.TrustedSpecificData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds {@code entries-records.json}: entries-topic values (Confluent wire format, schema id 1)
 * of both layouts of docs/ledger-format.md §14, with their writer schema and the headers they
 * carry, and values a reader MUST call unreadable.
 */
final class EntriesRecordVectors {

    static final int SCHEMA_ID = 1;
    static final Schema UNION = Schema.createUnion(List.of(LedgerEntry.getClassSchema(), EntryRun.getClassSchema()));

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EntriesRecordVectors() {
    }

    static ObjectNode build() throws IOException {
        List<ChainEntry> chain = SampleChains.mixedFive();
        ObjectNode root = NODES.objectNode().put("description", "Values of the entries topic (docs/ledger-format.md §14), "
                + "in the Confluent wire format with schema id " + SCHEMA_ID + ". Decode value_hex with writer_schema: a "
                + "LedgerEntry is one header, an EntryRun each entries[i].header in order. The headers are those of chain "
                + "'mixed-five' of chains.json; 'invalid' values MUST be reported as unreadable.");
        ArrayNode valid = root.putArray("valid");
        valid.add(valid("layout-1-single-entry", "A value written before runs existed: one LedgerEntry.",
                LedgerEntry.getClassSchema(), avro(chain.get(0).header()), chain.subList(0, 1)));
        valid.add(valid("layout-2-run-of-three", "One command chained seqs 0 to 2: one EntryRun, each entry with its "
                + "origin (a key operation has no decision digest).", UNION,
                new EntryRun(List.of(run(chain.get(0), false), run(chain.get(1), true), run(chain.get(2), true))),
                chain.subList(0, 3)));
        valid.add(valid("layout-2-run-of-one-without-origin", "A run of one entry whose origin is null.", UNION,
                new EntryRun(List.of(new RunEntry(avro(chain.get(3).header()), null))), chain.subList(3, 4)));
        valid.add(valid("layout-2-single-entry-under-the-union", "The union's first branch: a LedgerEntry written "
                + "with the union schema reads as one entry.", UNION, avro(chain.get(4).header()), chain.subList(4, 5)));
        ArrayNode invalid = root.putArray("invalid");
        invalid.add(invalid("empty-run", "An EntryRun with no entries.", UNION, wire(UNION, new EntryRun(List.of()))));
        byte[] run = wire(UNION, new EntryRun(List.of(run(chain.get(0), false))));
        invalid.add(invalid("trailing-bytes", "A run followed by a byte that is not part of it.", UNION,
                Arrays.copyOf(run, run.length + 1)));
        invalid.add(invalid("cut-short", "A run cut off inside its last hash.", UNION, Arrays.copyOf(run, run.length - 5)));
        return root;
    }

    private static ObjectNode valid(String name, String description, Schema writer, SpecificRecord value,
                                    List<ChainEntry> headers) throws IOException {
        ObjectNode vector = NODES.objectNode().put("name", name).put("description", description)
                .put("writer_schema", writer.toString()).put("value_hex", HEX.formatHex(wire(writer, value)));
        ArrayNode expected = vector.putArray("headers");
        for (ChainEntry entry : headers) {
            ObjectNode header = VectorEntries.toJson(entry, false);
            header.remove("payload");
            header.remove("payload_erased");
            header.remove("payload_salt");
            expected.add(header);
        }
        return vector;
    }

    private static ObjectNode invalid(String name, String why, Schema writer, byte[] value) {
        return NODES.objectNode().put("name", name).put("writer_schema", writer.toString())
                .put("value_hex", HEX.formatHex(value)).put("why", why);
    }

    private static RunEntry run(ChainEntry entry, boolean decision) {
        byte[] commandDigest = io.veridict.schemas.format.Sha256.hash(entry.header().correlationId()
                .getBytes(StandardCharsets.UTF_8));
        return new RunEntry(avro(entry.header()), new EntryOrigin("00000000-0000-4000-8000-" + entry.header().entryId()
                .substring(24), new Sha256(commandDigest), new Sha256(commandDigest), decision ? new Sha256(commandDigest) : null,
                decision ? "marketing" : null, null));
    }

    static LedgerEntry avro(EntryHeader h) {
        return LedgerEntry.newBuilder().setFormatVersion(h.formatVersion()).setTenantId(h.tenantId()).setSeq(h.seq())
                .setEntryId(h.entryId()).setEntryType(EntryType.valueOf(h.entryType()))
                .setReceivedAt(Instant.ofEpochMilli(h.receivedAtMs())).setRecordedAt(Instant.ofEpochMilli(h.recordedAtMs()))
                .setActorKeyId(h.actorKeyIdOrNull()).setCorrelationId(h.correlationId())
                .setPayloadHash(new Sha256(h.payloadHash())).setLeafHash(new Sha256(h.leafHash()))
                .setPrevChainHash(new Sha256(h.prevChainHash())).setChainHash(new Sha256(h.chainHash())).build();
    }

    private static byte[] wire(Schema writer, SpecificRecord value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(SCHEMA_ID).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(writer, TrustedSpecificData.forClass(EntryRun.class)).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
