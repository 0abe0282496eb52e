package org.handshakeledger.app.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** JSON answers of the {@code /ledger} endpoints, errors included: {@code {"__type": ..., "Message": ...}}. */
final class LedgerResponses {
    private LedgerResponses() {
    }

    static ResponseEntity<byte[]> json(ObjectMapper mapper, HttpStatus status, Object body) {
        try {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ledger answer is maps, lists, strings and numbers: always JSON", e);
        }
    }

    static ResponseEntity<byte[]> error(ObjectMapper mapper, HttpStatus status, String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("Message", message);
        return json(mapper, status, body);
    }

    static ResponseEntity<byte[]> error(ObjectMapper mapper, LedgerException e) {
        return error(mapper, e.status(), e.type(), e.getMessage());
    }

    /** A 500 that names the request, for the operator to find its stack trace in the log. */
    static ResponseEntity<byte[]> internalError(ObjectMapper mapper, String requestId) {
        return error(mapper, HttpStatus.INTERNAL_SERVER_ERROR, "ServiceException",
                "The ledger could not complete your request because of an internal error. (request " + requestId
                        + ")");
    }
}
