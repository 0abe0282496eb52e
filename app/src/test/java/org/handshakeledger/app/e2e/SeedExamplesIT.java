package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.HandshakeResourceType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The documented examples of the seed pages (spec §8.1–§8.4), rebuilt with our own accounts: every value that does
 * not depend on ids or time must come out as documented. Where a seed contradicts itself or the other examples, the
 * spec's recommendation (§4.5, §10) wins, and the test says so.
 */
class SeedExamplesIT extends AbstractLedgerIT {
    private static final String ARN_PATTERN =
            "^arn:aws:organizations::\\d{12}:handshake/o-[a-z0-9]{10,32}/[a-z_]{1,32}/h-[0-9a-z]{8,32}$";
    private static final String SUSAN_TO_BOB = "This is a request for Susan's account to join Bob's organization.";
    private static final String SUSAN_TO_BILL =
            "This is an invitation to Susan's account to join the Bill's organization.";

    /** The output of seed 000 (aws organizations cancel-handshake), verbatim. */
    private static final String SEED_000_OUTPUT = """
            {
            "Handshake": {
            "Id": "h-examplehandshakeid111",
            "State":"CANCELED",
            "Action": "INVITE",
            "Arn": "arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-examplehandshakeid111",
            "Parties": [
            {
            "Id": "o-exampleorgid",
            "Type": "ORGANIZATION"
            },
            {
            "Id": "susan@example.com",
            "Type": "EMAIL"
            }
            ],
            "Resources": [
            {
            "Type": "ORGANIZATION",
            "Value": "o-exampleorgid",
            "Resources": [
            {
            "Type": "MASTER_EMAIL",
            "Value": "bill@example.com"
            },
            {
            "Type": "MASTER_NAME",
            "Value": "Master Account"
            },
            {
            "Type": "ORGANIZATION_FEATURE_SET",
            "Value": "CONSOLIDATED_BILLING"
            }
            ]
            },
            {
            "Type": "EMAIL",
            "Value": "anika@example.com"
            },
            {
            "Type": "NOTES",
            "Value": "This is a request for Susan's account to join Bob's organization."
            }
            ],
            "RequestedTimestamp": 1.47008383521E9,
            "ExpirationTimestamp": 1.47137983521E9
            }
            }
            """;

    @Test
    void cancelingAnEmailInvitationAnswersLikeSeed000() {
        // given: Bill's consolidated-billing organization invited Susan by email
        String bill = LedgerActors.next();
        String susan = LedgerActors.next();
        String organization = createOrganization(bill, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = client(bill).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(susan)).type(HandshakePartyType.EMAIL))
                .notes(SUSAN_TO_BOB)).handshake();

        // when
        Handshake canceled = client(bill).cancelHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(canceled.id()).isEqualTo(invitation.id());
        assertThat(canceled.state()).isEqualTo(HandshakeState.CANCELED);
        // The seed's EMAIL resource names anika while its EMAIL party is susan (spec §8.1). Following §4.5, the
        // EMAIL resource repeats the invited address, so both name Susan here.
        assertIsInvitation(canceled, bill, organization, "CONSOLIDATED_BILLING",
                HandshakePartyType.EMAIL, LedgerActors.email(susan), SUSAN_TO_BOB);
        assertThat(canceled.expirationTimestamp()).isEqualTo(invitation.expirationTimestamp());
    }

    @Test
    void decliningAnEmailInvitationAnswersLikeSeed001() {
        // given: Bill's organization invited Susan by email
        String bill = LedgerActors.next();
        String susan = LedgerActors.next();
        String organization = createOrganization(bill, OrganizationFeatureSet.ALL);
        Handshake invitation = client(bill).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(susan)).type(HandshakePartyType.EMAIL))
                .notes(SUSAN_TO_BILL)).handshake();

        // when: Susan, the owner of that address, declines
        Handshake declined = client(susan).declineHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(declined.id()).isEqualTo(invitation.id());
        assertThat(declined.state()).isEqualTo(HandshakeState.DECLINED);
        // Seed 001 lists the EMAIL party before the ORGANIZATION and leaves out ORGANIZATION_FEATURE_SET; the other
        // examples do neither, and spec §4.5/§10 #22 recommend ORGANIZATION first and the feature set always.
        assertIsInvitation(declined, bill, organization, "ALL",
                HandshakePartyType.EMAIL, LedgerActors.email(susan), SUSAN_TO_BILL);
    }

    @Test
    void describingAnOpenInvitationWithoutNotesAnswersLikeSeed002() {
        // given: Bill's organization invited Anika by email, without notes
        String bill = LedgerActors.next();
        String anika = LedgerActors.next();
        String organization = createOrganization(bill, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = client(bill).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(anika)).type(HandshakePartyType.EMAIL))).handshake();

        // when
        Handshake byManagement = client(bill).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();
        Handshake byRecipient = client(anika).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(byManagement.state()).isEqualTo(HandshakeState.OPEN);
        // Like seed 001, seed 002 leaves out ORGANIZATION_FEATURE_SET; spec §4.5 recommends always sending it.
        assertIsInvitation(byManagement, bill, organization, "CONSOLIDATED_BILLING",
                HandshakePartyType.EMAIL, LedgerActors.email(anika), null);
        assertThat(byRecipient).isEqualTo(byManagement).isEqualTo(invitation);
    }

    @Test
    void cancelingAnAccountInvitationAnswersLikeSeed003() {
        // given: Bill's consolidated-billing organization invited an account by its id
        String bill = LedgerActors.next();
        String account = LedgerActors.next();
        String organization = createOrganization(bill, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = client(bill).inviteAccountToOrganization(r -> r
                .target(t -> t.id(account).type(HandshakePartyType.ACCOUNT)).notes(SUSAN_TO_BOB)).handshake();

        // when
        Handshake canceled = client(bill).cancelHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(canceled.state()).isEqualTo(HandshakeState.CANCELED);
        // Seed 003 pairs an EMAIL party (susan) with an ACCOUNT resource (222222222222). Following spec §4.5 the
        // party and the resource both carry the target as it was given: here the account id. Its timestamps
        // (14 Feb -> 28 Feb 2017) are also 14 days apart; every other example and §4.5 say 15, which is checked.
        assertIsInvitation(canceled, bill, organization, "CONSOLIDATED_BILLING",
                HandshakePartyType.ACCOUNT, account, SUSAN_TO_BOB);
        assertEveryEnumIsKnownToTheSdk(canceled);
    }

    @Test
    void seedHandshakeIdIsWellFormedButUnknownHere() {
        // given
        String bill = LedgerActors.next();
        createOrganization(bill, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        HandshakeNotFoundException notFound = catchThrowableOfType(
                () -> client(bill).cancelHandshake(r -> r.handshakeId("h-examplehandshakeid111")),
                HandshakeNotFoundException.class);

        // then
        assertThat(notFound).isNotNull();
        assertThat(notFound.statusCode()).isEqualTo(400);
    }

    @Test
    void rawCancelHandshakeResponseUsesExactlyTheMemberNamesOfSeed000() {
        // given
        String bill = LedgerActors.next();
        String susan = LedgerActors.next();
        createOrganization(bill, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = client(bill).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.email(susan)).type(HandshakePartyType.EMAIL))
                .notes(SUSAN_TO_BOB)).handshake();

        // when
        RawSignedRequests.Response response = new RawSignedRequests(port).call(bill, "CancelHandshake",
                "{\"HandshakeId\": \"" + invitation.id() + "\"}");

        // then
        assertThat(response.status()).isEqualTo(200);
        Set<String> seedMembers = memberPaths(RawSignedRequests.readJson(SEED_000_OUTPUT));
        assertThat(seedMembers).contains("Handshake.Resources[].Resources[].Value:string",
                "Handshake.RequestedTimestamp:number");
        assertThat(memberPaths(response.json())).isEqualTo(seedMembers);
    }

    private static void assertIsInvitation(Handshake handshake, String management, String organization,
                                           String featureSet, HandshakePartyType targetType, String target,
                                           String notes) {
        assertThat(handshake.action()).isEqualTo(ActionType.INVITE);
        assertThat(organization).matches("^o-[a-z0-9]{10,32}$");
        assertThat(handshake.arn())
                .matches(ARN_PATTERN)
                .isEqualTo("arn:aws:organizations::" + management + ":handshake/" + organization + "/invite/"
                        + handshake.id());
        assertThat(handshake.parties()).extracting(HandshakeParty::type, HandshakeParty::id)
                .containsExactly(tuple(HandshakePartyType.ORGANIZATION, organization), tuple(targetType, target));

        List<Tuple> expectedResources = new ArrayList<>(List.of(
                tuple(HandshakeResourceType.ORGANIZATION, organization),
                tuple(HandshakeResourceType.fromValue(targetType.toString()), target)));
        if (notes != null) {
            expectedResources.add(tuple(HandshakeResourceType.NOTES, notes));
        }
        assertThat(handshake.resources()).extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactlyElementsOf(expectedResources);
        assertThat(handshake.resources().get(0).resources())
                .extracting(HandshakeResource::type, HandshakeResource::value)
                .containsExactly(tuple(HandshakeResourceType.MASTER_EMAIL, LedgerActors.email(management)),
                        tuple(HandshakeResourceType.MASTER_NAME, LedgerActors.name(management)),
                        tuple(HandshakeResourceType.ORGANIZATION_FEATURE_SET, featureSet));
        assertThat(handshake.resources().subList(1, handshake.resources().size()))
                .allSatisfy(resource -> assertThat(resource.hasResources()).isFalse());
        assertThat(Duration.between(handshake.requestedTimestamp(), handshake.expirationTimestamp()))
                .isEqualTo(Duration.ofDays(15));
    }

    private static void assertEveryEnumIsKnownToTheSdk(Handshake handshake) {
        assertThat(handshake.stateAsString()).isEqualTo(handshake.state().toString());
        assertThat(handshake.actionAsString()).isEqualTo(handshake.action().toString());
        assertThat(handshake.parties()).allSatisfy(p -> assertThat(p.typeAsString()).isEqualTo(p.type().toString()));
        List<HandshakeResource> resources = new ArrayList<>(handshake.resources());
        resources.addAll(handshake.resources().get(0).resources());
        assertThat(resources).allSatisfy(r -> assertThat(r.typeAsString()).isEqualTo(r.type().toString()));
    }

    /** Every member name reachable in the document, as a dotted path with {@code []} for list items, and its kind. */
    private static Set<String> memberPaths(JsonNode document) {
        Set<String> paths = new TreeSet<>();
        collect(document, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(member -> {
                String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                paths.add(memberPath + ":" + member.getValue().getNodeType().name().toLowerCase(Locale.ROOT));
                collect(member.getValue(), memberPath, paths);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, path + "[]", paths));
        }
    }
}
