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
        Inputs.nextToken(input.nextToken());
        HandshakeFilterInput given = input.filter() == null ? new HandshakeFilterInput(null, null) : input.filter();
        String parent = given.parentHandshakeId() == null ? null
                : Inputs.handshakeId("Filter.ParentHandshakeId", given.parentHandshakeId()).value();
        HandshakeAction action = Inputs.enumValue("Filter.ActionType", given.actionType(), HandshakeAction.class);
        int size = Inputs.maxResults(input.maxResults());
        HandshakeFilter filter = onlyOne(action, parent);
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

    /** The members' own constraints are checked by now; this is the rule between them. */
    private static HandshakeFilter onlyOne(HandshakeAction action, String parent) {
        if (action != null && parent != null) {
            throw new InvalidInputException(InvalidInputException.MAX_LIMIT_EXCEEDED_FILTER,
                    "You can specify only one filter: ActionType or ParentHandshakeId.");
        }
        return action == null && parent == null ? HandshakeFilter.NONE : new HandshakeFilter(action, parent);
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
