package io.veridict.api.json;

import java.util.Locale;

/** The one Content-Type a JSON request body may declare: {@code application/json}, charset utf-8 if any. */
final class JsonMediaType {

    private JsonMediaType() {
    }

    /**
     * Whether a Content-Type header value declares JSON in UTF-8: type {@code application/json}
     * (any case), with no parameter but an optional {@code charset=utf-8} (quoted or not).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                return false;
            }
            String charset = parameter.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (!charset.equals("utf-8") && !charset.equals("\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }
}
