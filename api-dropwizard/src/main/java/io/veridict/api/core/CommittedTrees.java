package io.veridict.api.core;

import io.veridict.schemas.format.ChainHead;
import io.veridict.streams.chain.LedgerRow;
import java.util.OptionalLong;

/**
 * How much of a tenant's tree is committed: the size a signature may vouch for. The ledger views
 * (interactive queries) also show what the chain wrote for a transaction that has not committed
 * yet, and may never commit if the instance crashes; a checkpoint signed over such entries would
 * later accuse the ledger of a rewrite it never made. So the service signs only the committed
 * part:
 * <ul>
 *   <li>the size the committed runs read since start show ({@link OutcomeListener#committedSize});</li>
 *   <li>for a tenant without a run since then, the views' head if its last entry was recorded
 *       before the listener started: the views a task starts with hold committed entries only;</li>
 *   <li>otherwise (the tenant's first run since start is not committed yet) nothing can be told
 *       for a moment: {@link LedgerUnavailableException}, a retriable 503.</li>
 * </ul>
 */
public final class CommittedTrees {

    private final LedgerQueries ledger;
    private final OutcomeListener listener;

    public CommittedTrees(LedgerQueries ledger, OutcomeListener listener) {
        this.ledger = ledger;
        this.listener = listener;
    }

    /** The committed size of {@code tenant}'s tree, at most its head's size. */
    public long size(String tenant) {
        long head = ledger.head(tenant).map(ChainHead::size).orElse(0L);
        OptionalLong committed = listener.committedSize(tenant);
        if (committed.isPresent()) {
            return Math.min(head, committed.getAsLong());
        }
        if (head == 0) {
            return 0;
        }
        LedgerRow last = ledger.entry(tenant, head - 1)
                .orElseThrow(() -> new LedgerUnavailableException("the ledger views are catching up; retry shortly", null));
        if (last.header().getRecordedAt().isBefore(listener.startedAt())) {
            return head;
        }
        throw new LedgerUnavailableException("the tenant's latest entries are not committed yet; retry shortly", null);
    }
}
