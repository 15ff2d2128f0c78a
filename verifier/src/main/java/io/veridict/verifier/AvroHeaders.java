package io.veridict.verifier;

import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.format.EntryHeader;

/** The format's entry header of an entry as the entries topic carries it in Avro. */
public final class AvroHeaders {

    private AvroHeaders() {
    }

    public static EntryHeader fromAvro(LedgerEntry entry) {
        return new EntryHeader(entry.getFormatVersion(), entry.getTenantId(), entry.getSeq(), entry.getEntryId(),
                entry.getEntryType().name(), entry.getReceivedAt().toEpochMilli(), entry.getRecordedAt().toEpochMilli(),
                entry.getActorKeyId(), entry.getCorrelationId(), entry.getPayloadHash().bytes(),
                entry.getLeafHash().bytes(), entry.getPrevChainHash().bytes(), entry.getChainHash().bytes());
    }
}
