package io.veridict.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Lua script that makes {@code wrk} send a {@link LoadRequest} and report what the benchmark
 * needs. Every wrk thread counts the answers by status ({@code response}); {@code done} prints
 * one machine-readable block ({@link WrkOutput} reads it): completed requests, the run's
 * duration, p50/p99/max latency, socket errors and the status counts. When the request varies
 * (tenants or idempotency keys), {@code request} builds each one: the tenant round robin from
 * a per-thread offset, and the key {@code <prefix>-<thread>-<n>} from a per-thread counter, so
 * that no two requests of a run share a key. A {@code GET} without tenants is wrk's own static
 * request.
 *
 * <p>The script holds the tenants' admin keys: it is written under the bench's work folder,
 * which is deleted at the end.
 */
final class WrkScript {

    /** Marks the lines of the block {@code done} prints. */
    static final String MARK = "veridict-wrk";

    private static final String COMMON = """
            local threads = {}

            function setup(thread)
              thread:set("tid", #threads)
              table.insert(threads, thread)
            end

            function init(args)
              n = 0
              statuses = {}
            end

            function response(status, headers, body)
              statuses[status] = (statuses[status] or 0) + 1
            end

            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("%1$s requests %%.0f\\n", summary.requests))
              io.write(string.format("%1$s duration_us %%.0f\\n", summary.duration))
              io.write(string.format("%1$s latency_us %%.0f %%.0f %%.0f\\n",
                latency:percentile(50.0), latency:percentile(99.0), latency.max))
              io.write(string.format("%1$s socket_errors %%.0f %%.0f %%.0f %%.0f\\n", e.connect, e.read, e.write, e.timeout))
              for _, thread in ipairs(threads) do
                for status, count in pairs(thread:get("statuses")) do
                  io.write(string.format("%1$s status %%d %%.0f\\n", status, count))
                end
              end
            end
            """.formatted(MARK);

    private WrkScript() {
    }

    /** @return the script for {@code request} */
    static String render(LoadRequest request) {
        StringBuilder lua = new StringBuilder("-- veridict bench: wrk script (generated)\n\n").append(COMMON);
        if (request.tenants().isEmpty() && request.body() == null && request.keyPrefix() == null
                && request.method().equals("GET")) {
            return lua.toString();
        }
        lua.append("\nlocal method = ").append(quote(request.method())).append('\n');
        lua.append("local tenants = {\n");
        for (LoadRequest.TenantAuth tenant : request.tenants()) {
            lua.append("  {").append(quote(tenant.id())).append(", ").append(quote("Bearer " + tenant.key())).append("},\n");
        }
        lua.append("}\n");
        lua.append("local prefix = ").append(request.keyPrefix() == null ? "nil" : quote(request.keyPrefix())).append('\n');
        lua.append("local body = ").append(request.body() == null ? "nil"
                : longString(new String(request.body(), StandardCharsets.UTF_8))).append('\n');
        lua.append("""

                function request()
                  n = n + 1
                  local headers = {}
                  if body then
                    headers["Content-Type"] = "application/json"
                  end
                  if #tenants > 0 then
                    local t = tenants[(n + tid) % #tenants + 1]
                    headers["X-Veridict-Tenant-Id"] = t[1]
                    headers["Authorization"] = t[2]
                  end
                  if prefix then
                    headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. n
                  end
                  return wrk.format(method, nil, headers, body)
                end
                """);
        return lua.toString();
    }

    /** A Lua string literal: printable ASCII as is, anything else as a decimal byte escape. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format(Locale.ROOT, "\\%03d", c));
            }
        }
        return out.append('"').toString();
    }

    /**
     * A Lua long string ({@code [==[...]==]}) holding {@code text} byte for byte, with the
     * fewest {@code =} that do not occur as a closing bracket in it. A leading newline would be
     * dropped by Lua, so the text must not start with one.
     */
    static String longString(String text) {
        if (text.startsWith("\n") || text.startsWith("\r")) {
            throw new IllegalArgumentException("a Lua long string drops a leading line break");
        }
        String level = "";
        while (text.contains("]" + level + "]") || text.endsWith("]" + level)) {
            level += "=";
        }
        return "[" + level + "[" + text + "]" + level + "]";
    }
}
