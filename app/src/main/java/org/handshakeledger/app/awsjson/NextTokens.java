package org.handshakeledger.app.awsjson;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/**
 * Opaque keyset paging tokens (spec §3.9): base64url of the operation, the caller, a fingerprint of the filter
 * and the position of the last item returned. A token is valid only for the call that produced it; anything else
 * is {@code INVALID_NEXT_TOKEN}. Tokens carry no secret: the caller's own scope is applied to every page anyway.
 */
@Component
public class NextTokens {
    private static final int VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder().build();

    record Token(int v, String op, String caller, String scope, List<String> after) {
    }

    /** What a page continues from, for the same operation, caller and scope. */
    public record Scope(String operation, String caller, String fingerprint) {
    }

    public String encode(Scope scope, List<String> position) {
        try {
            byte[] json = mapper.writeValueAsBytes(new Token(VERSION, scope.operation(), scope.caller(),
                    scope.fingerprint(), position));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot encode a NextToken", e);
        }
    }

    /** The position stored in {@code token}, or null for the first page; refuses tokens of another call. */
    public List<String> decode(Scope scope, String token, int positionSize) {
        if (token == null) {
            return null;
        }
        Token decoded;
        try {
            decoded = mapper.readValue(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)),
                    Token.class);
        } catch (Exception e) {
            throw invalid();
        }
        boolean matches = decoded.v() == VERSION
                && scope.operation().equals(decoded.op())
                && scope.caller().equals(decoded.caller())
                && scope.fingerprint().equals(decoded.scope())
                && decoded.after() != null && decoded.after().size() == positionSize
                && decoded.after().stream().allMatch(part -> part != null && !part.isEmpty());
        if (!matches) {
            throw invalid();
        }
        return decoded.after();
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException(InvalidInputException.INVALID_NEXT_TOKEN,
                "The specified NextToken is not valid for this request.");
    }
}
