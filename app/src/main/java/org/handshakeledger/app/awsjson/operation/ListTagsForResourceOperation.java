package org.handshakeledger.app.awsjson.operation;

import java.util.regex.Pattern;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.wire.ListTagsForResourceRequest;
import org.handshakeledger.app.awsjson.wire.ListTagsForResourceResponse;
import org.handshakeledger.app.awsjson.wire.TagShape;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.organization.AccountNotFoundException;
import org.handshakeledger.projections.organization.AccountTags;
import org.handshakeledger.projections.organization.ListTagsForAccountQuery;
import org.springframework.stereotype.Component;

/**
 * ListTagsForResource for accounts: the tags an accepted invitation attached. The management account may read the
 * tags of its organization's accounts. Other resource types (roots, OUs, policies) do not exist in the ledger.
 */
@Component
class ListTagsForResourceOperation implements AwsOperation {
    private static final Pattern RESOURCE_ID = Pattern.compile("^\\d{12}$");

    private final AwsJson json;
    private final Callers callers;
    private final LedgerGateway ledger;

    ListTagsForResourceOperation(AwsJson json, Callers callers, LedgerGateway ledger) {
        this.json = json;
        this.callers = callers;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public Object handle(byte[] body, AwsRequest request) {
        ListTagsForResourceRequest input = json.read(body, ListTagsForResourceRequest.class);
        Inputs.required("ResourceId", input.resourceId());
        Inputs.maxLength("ResourceId", input.resourceId(), 130);
        Inputs.pattern("ResourceId", input.resourceId(), RESOURCE_ID);
        String organization = callers.managedOrganizationOf(request);
        AccountTags tags = ledger.query(new ListTagsForAccountQuery(input.resourceId(), organization),
                AccountTags.class);
        if (!tags.found()) {
            throw new AccountNotFoundException();
        }
        return new ListTagsForResourceResponse(tags.tags().stream()
                .map(tag -> new TagShape(tag.key(), tag.value())).toList());
    }
}
