package io.veridict.webhooks.target;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook target that may not be delivered to. {@link #code()} says why; for
 * {@link RefusalCode#WEBHOOK_ADDRESS_FORBIDDEN} the class and the address that caused the
 * refusal are included. The message is for operators and names the host but never the URL's
 * path or query, which may carry secrets.
 */
public final class TargetRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final RefusalCode code;
    private final AddressClass addressClass;
    private final transient InetAddress address;

    TargetRefused(RefusalCode code, String message) {
        this(code, message, null, null);
    }

    TargetRefused(RefusalCode code, String message, AddressClass addressClass, InetAddress address) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.addressClass = addressClass;
        this.address = address;
    }

    /**
     * Why the target was refused.
     *
     * @return the stable refusal code
     */
    public RefusalCode code() {
        return code;
    }

    /**
     * The class of the forbidden address, for {@link RefusalCode#WEBHOOK_ADDRESS_FORBIDDEN}.
     *
     * @return the class, or empty for other codes
     */
    public Optional<AddressClass> addressClass() {
        return Optional.ofNullable(addressClass);
    }

    /**
     * The forbidden address, for {@link RefusalCode#WEBHOOK_ADDRESS_FORBIDDEN}.
     *
     * @return the address, or empty for other codes
     */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(address);
    }
}
