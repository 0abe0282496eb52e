package org.handshakeledger.app.awsjson.operation;

import java.util.regex.Pattern;

import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.AwsOperation;
import org.handshakeledger.app.awsjson.AwsRequest;
import org.handshakeledger.app.awsjson.Callers;
import org.handshakeledger.app.awsjson.Inputs;
import org.handshakeledger.app.awsjson.InvalidInputException;
import org.handshakeledger.app.awsjson.TargetNotFoundException;
import org.handshakeledger.app.awsjson.wire.ListTagsForResourceRequest;
import org.handshakeledger.app.awsjson.wire.ListTagsForResourceResponse;
import org.handshakeledger.app.awsjson.wire.TagShape;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.organization.AccountTags;
import org.handshakeledger.projections.organization.ListTagsForAccountQuery;
import org.springframework.stereotype.Component;

/**
 * ListTagsForResource for accounts: the tags an accepted invitation attached. The management account may read the
 * tags of its organization's accounts. Other resource types (roots, OUs, policies) do not exist in the ledger: their
 * well-formed ids, like accounts outside the organization, are TargetNotFoundException, as with AWS.
 */
@Component
class ListTagsForResourceOperation implements AwsOperation {
    /** TaggableResourceId: a root, an account, an OU, a policy or a resource policy. */
    private static final Pattern RESOURCE_ID = Pattern.compile("^(r-[0-9a-z]{4,32}|\\d{12}"
            + "|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128}|rp-[0-9a-zA-Z_]{4,128})$");
    private static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");

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
        Inputs.nextToken(input.nextToken());
        Inputs.pattern("ResourceId", input.resourceId(), RESOURCE_ID);
        if (input.nextToken() != null) {
            // every answer holds all of the at most 50 tags, so no token was ever handed out
            throw new InvalidInputException(InvalidInputException.INVALID_NEXT_TOKEN,
                    "The specified NextToken is not valid for this request.");
        }
        String organization = callers.managedOrganizationOf(request);
        if (!ACCOUNT_ID.matcher(input.resourceId()).matches()) {
            // the ledger keeps tags on accounts only: no root, OU or policy of any organization exists here
            throw new TargetNotFoundException();
        }
        AccountTags tags = ledger.query(new ListTagsForAccountQuery(input.resourceId(), organization),
                AccountTags.class);
        if (!tags.found()) {
            throw new TargetNotFoundException();
        }
        return new ListTagsForResourceResponse(tags.tags().stream()
                .map(tag -> new TagShape(tag.key(), tag.value())).toList());
    }
}
