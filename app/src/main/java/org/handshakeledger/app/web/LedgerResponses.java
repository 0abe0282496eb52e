package org.handshakeledger.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON answers of the {@code /ledger} endpoints, written by a mapper of their own: times as ISO-8601 text, whatever
 * {@code spring.jackson.*} says, since tools parse these bodies.
 */
public final class LedgerResponses {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private LedgerResponses() {
    }

    public static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        try {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ledger answer is maps, lists, strings, numbers and times: always JSON",
                    e);
        }
    }

    static ResponseEntity<byte[]> error(HttpStatus status, String type, String message) {
        return json(status, ErrorBody.of(type, message));
    }
}
