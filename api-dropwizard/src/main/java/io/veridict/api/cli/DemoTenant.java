package io.veridict.api.cli;

import io.veridict.api.VeridictApplication;
import io.veridict.api.api.AccessRequests;
import io.veridict.api.auth.AccessAdmin;
import io.veridict.api.auth.Principal;
import io.veridict.api.errors.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the dev stack's demo tenant on its first start, and prints the shell lines that put the
 * tenant id, its admin key and (when just made) the operator token into the environment of the
 * README's {@code curl} examples. Later starts find it made and print nothing.
 */
public final class DemoTenant {

    static final String TENANT_ID = "demo";
    private static final String IDEMPOTENCY_KEY = "dev/demo-tenant";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Logger LOG = LoggerFactory.getLogger(DemoTenant.class);

    private final VeridictApplication application;
    private final Optional<String> newOperatorToken;

    DemoTenant(VeridictApplication application, Optional<String> newOperatorToken) {
        this.application = application;
        this.newOperatorToken = newOperatorToken;
    }

    void ensure() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            AccessAdmin admin = application.accessAdmin();
            try {
                if (admin != null) {
                    print(admin.createTenant(TENANT_ID, "Demo tenant", AccessRequests.NewTenant.DEFAULT_ADMIN_HOLDER, IDEMPOTENCY_KEY, Principal.OPERATOR, "dev-setup"));
                    return;
                }
            } catch (ApiException notYet) {
                LOG.debug("Demo tenant not made yet: {}", notYet.getMessage());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("Could not make the demo tenant within {}", PATIENCE);
    }

    /**
     * Reads back what {@link #print} wrote: the value of the last {@code export NAME=value} line
     * in {@code output} (a dev stack's console), if any.
     */
    public static Optional<String> exported(String output, String name) {
        Matcher line = Pattern.compile("export " + Pattern.quote(name) + "=(\\S+)").matcher(output);
        String value = null;
        while (line.find()) {
            value = line.group(1);
        }
        return Optional.ofNullable(value);
    }

    @SuppressWarnings("SystemOut")
    private void print(AccessAdmin.CreatedTenant tenant) {
        StringBuilder lines = new StringBuilder();
        if (tenant.adminKeyText() != null) {
            lines.append(System.lineSeparator()).append("Demo tenant created. Paste into your shell for the README's curl examples")
                    .append(" (the key is shown only now):").append(System.lineSeparator())
                    .append("  export VERIDICT_TENANT=").append(TENANT_ID).append(System.lineSeparator())
                    .append("  export VERIDICT_KEY=").append(tenant.adminKeyText()).append(System.lineSeparator());
        }
        newOperatorToken.ifPresent(token -> lines.append("  export VERIDICT_OPERATOR_TOKEN=").append(token)
                .append(System.lineSeparator()));
        if (!lines.isEmpty()) {
            System.out.println(lines);
            System.out.flush();
        }
    }
}
