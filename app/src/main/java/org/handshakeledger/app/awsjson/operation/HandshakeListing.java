package org.handshakeledger.app.awsjson.operation;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.InvalidInputException;
import org.handshakeledger.app.awsjson.NextTokens;
import org.handshakeledger.app.awsjson.wire.HandshakeFilterInput;
import org.handshakeledger.app.awsjson.wire.HandshakeListResponse;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.app.awsjson.wire.ListHandshakesRequest;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.projections.handshake.HandshakeFilter;
import org.handshakeledger.projections.handshake.HandshakePage;
import org.handshakeledger.projections.handshake.HandshakeView;
import org.handshakeledger.projections.handshake.PageRequest;

/**
 * Both ListHandshakesFor* operations (spec §3.9): validate filter, MaxResults and NextToken, fetch one keyset page
 * (newest first, ties by id) and hand out a token only when another page follows.
 */
abstract class HandshakeListing implements AwsOperation {
    private final AwsJson json;
    private final NextTokens tokens;

    HandshakeListing(AwsJson json, NextTokens tokens) {
        this.json = json;
        this.tokens = tokens;
    }

    /** Fetches one page for the caller; may throw the caller's authorisation errors. */
    abstract HandshakePage page(AwsRequest request, HandshakeFilter filter, PageRequest page);

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        ListHandshakesRequest input = json.read(body, ListHandshakesRequest.class);
        HandshakeFilter filter = filter(input.filter());
        int size = Inputs.maxResults(input.maxResults());
        NextTokens.Scope scope = new NextTokens.Scope(name(), request.caller().id(),
                filter.action() + "|" + filter.parentHandshakeId());
        List<String> after = tokens.decode(scope, input.nextToken(), 2);
        PageRequest pageRequest = after == null ? PageRequest.first(size)
                : new PageRequest(Instant.ofEpochMilli(parseMillis(after.get(0))), after.get(1), size);

        HandshakePage page = page(request, filter, pageRequest);
        String nextToken = null;
        if (page.more()) {
            HandshakeView last = page.handshakes().get(page.handshakes().size() - 1);
            nextToken = tokens.encode(scope, List.of(Long.toString(last.requestedAt().toEpochMilli()), last.id()));
        }
        return new HandshakeListResponse(page.handshakes().stream().map(HandshakeShape::of).toList(), nextToken);
    }

    private static HandshakeFilter filter(HandshakeFilterInput input) {
        if (input == null) {
            return HandshakeFilter.NONE;
        }
        String parent = null;
        if (input.parentHandshakeId() != null) {
            parent = Inputs.handshakeId("Filter.ParentHandshakeId", input.parentHandshakeId()).value();
        }
        HandshakeAction action = Inputs.enumValue("Filter.ActionType", input.actionType(), HandshakeAction.class);
        if (action != null && parent != null) {
            throw new InvalidInputException(InvalidInputException.MAX_LIMIT_EXCEEDED_FILTER,
                    "You can specify only one filter: ActionType or ParentHandshakeId.");
        }
        return new HandshakeFilter(action, parent);
    }

    private static long parseMillis(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_NEXT_TOKEN,
                    "The specified NextToken is not valid for this request.");
        }
    }
}
