package org.handshakeledger.app.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body every endpoint of the ledger answers with, AWS's JSON error shape:
 * {@code {"__type": ..., "Message": ...}}, with a {@code Reason} where AWS gives one.
 */
public final class ErrorBody {
    private ErrorBody() {
    }

    public static Map<String, String> of(String type, String message) {
        return of(type, message, null);
    }

    public static Map<String, String> of(String type, String message, String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("Message", message);
        if (reason != null) {
            body.put("Reason", reason);
        }
        return body;
    }
}
