package io.veridict.streams;

import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.streams.crypto.CommandSeal;
import io.veridict.streams.crypto.KeyUnavailableException;
import java.util.Optional;

/**
 * A command as read from the commands topic: the record as it came (sealed or not), its body
 * opened, and why it must not reach a ledger, if it must not. Lives only between the topology's
 * first steps; never stored or written.
 *
 * @param original   the command as read; what the dead-letter topic receives
 * @param clearOrNull the command with its body in clear, or null when the body does not open
 * @param rejection  why the command is refused, or empty
 */
record Intake(LedgerCommand original, LedgerCommand clearOrNull, Optional<CommandValidator.Rejection> rejection) {


    static Intake of(String key, LedgerCommand command, CommandSeal seal) {
        LedgerCommand clear;
        try {
            clear = seal.open(command);
        } catch (KeyUnavailableException e) {
            return new Intake(command, null, Optional.of(new CommandValidator.Rejection(RefusalCode.SEALED_BODY_UNREADABLE, e.getMessage())));
        }
        return new Intake(command, clear, CommandValidator.check(key, clear));
    }

    boolean accepted() {
        return rejection.isEmpty();
    }
}
