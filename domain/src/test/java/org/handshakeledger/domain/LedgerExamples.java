package org.handshakeledger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.handshake.AcceptHandshakeCommand;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.DeclineHandshakeCommand;
import org.handshakeledger.domain.handshake.EnableAllFeaturesCommand;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * The cast, the calendar and the phrases the {@link LedgerFixture} tests share, so that {@code MEMBER} or
 * {@code EXPIRES_AT} means the same in every one of them. Most tests are about {@link #ORG}, which {@link #MANAGEMENT}
 * created at {@link #T0} and invites {@link #RECIPIENT} to; which members it has is each test's own business
 * ({@link LedgerFixture#givenJoined}). What only one test class needs stays in that class.
 */
public final class LedgerExamples {
    /** When the organizations were created and their members joined. */
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    public static final Instant T1 = T0.plus(Duration.ofDays(1));
    public static final Instant T2 = T1.plus(Duration.ofHours(1));
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    public static final Duration MIGRATION_LIFETIME = Duration.ofDays(90);
    public static final Duration RETENTION = Duration.ofDays(30);
    /** When an invitation sent at {@link #T0} expires. */
    public static final Instant EXPIRES_AT = T0.plus(INVITATION_LIFETIME);
    /** When an enable-all-features request sent at {@link #T0} expires. */
    public static final Instant REQUEST_EXPIRES_AT = T0.plus(MIGRATION_LIFETIME);
    public static final InvitationLimits LIMITS = new InvitationLimits(10, 20);
    /** The management account, {@link #MEMBER} and one open invitation. */
    public static final InvitationLimits THREE_ACCOUNTS = new InvitationLimits(3, 20);

    public static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    public static final AccountId MANAGEMENT = new AccountId("111111111111");
    public static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, emailOf(MANAGEMENT),
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    public static final AccountId RECIPIENT = new AccountId("222222222222");
    public static final String RECIPIENT_EMAIL = emailOf(RECIPIENT);
    public static final String RECIPIENT_NAME = "Recipient";
    public static final AccountId MEMBER = new AccountId("333333333333");
    public static final AccountId SECOND_MEMBER = new AccountId("444444444444");
    public static final AccountId OTHER_RECIPIENT = new AccountId("555555555555");
    /** An account in no organization the ledger knows. */
    public static final AccountId STRANGER = new AccountId("666666666666");
    /** A member the organization created rather than invited: no enable-all-features request asks it. */
    public static final AccountId CREATED_MEMBER = new AccountId("777777777777");

    /** An organization without invited members: its enable-all-features request opens at once. */
    public static final OrganizationId SMALL_ORG = new OrganizationId("o-s1m2a3l4l5");
    public static final AccountId SMALL_MANAGEMENT = new AccountId("888888888888");
    public static final OrganizationProfile SMALL_PROFILE = new OrganizationProfile(SMALL_ORG, SMALL_MANAGEMENT,
            emailOf(SMALL_MANAGEMENT), "Small", FeatureSet.CONSOLIDATED_BILLING);

    public static final OrganizationId OTHER_ORG = new OrganizationId("o-z9y8x7w6v5");
    public static final AccountId OTHER_MANAGEMENT = new AccountId("999999999999");
    public static final OrganizationProfile OTHER_PROFILE = new OrganizationProfile(OTHER_ORG, OTHER_MANAGEMENT,
            emailOf(OTHER_MANAGEMENT), "Other", FeatureSet.CONSOLIDATED_BILLING);

    public static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    public static final HandshakeId OTHER_INVITATION = new HandshakeId("h-invite000002");
    /** The enable-all-features request of {@link #ORG} (or of {@link #SMALL_ORG}, where a test says so). */
    public static final HandshakeId PARENT = new HandshakeId("h-parent000001");
    /** A request after {@link #PARENT}. */
    public static final HandshakeId SECOND_PARENT = new HandshakeId("h-parent000002");
    public static final HandshakeId APPROVAL = PARENT.approvalFor(MEMBER);
    public static final HandshakeId SECOND_APPROVAL = PARENT.approvalFor(SECOND_MEMBER);

    public static final String NOTES = "Welcome";
    public static final List<Tag> TAGS = List.of(new Tag("team", "platform"));

    private LedgerExamples() {
    }

    /** The account joined the organization at {@link #T0} by accepting an invitation. */
    public static AccountJoinedOrganizationEvent joined(OrganizationId organization, AccountId account) {
        return new AccountJoinedOrganizationEvent(organization, account, emailOf(account), "Member",
                JoinedMethod.INVITED, new HandshakeId("h-joined" + account.value()), List.of(), T0);
    }

    /** The organization created the account at {@link #T0}; no invitation brought it in. */
    public static AccountJoinedOrganizationEvent joinedAsCreated(OrganizationId organization, AccountId account) {
        return new AccountJoinedOrganizationEvent(organization, account, emailOf(account), "Created",
                JoinedMethod.CREATED, null, List.of(), T0);
    }

    /** The slot in {@link #ORG} that inviting {@code recipient} at {@code at} took. */
    public static InvitationReservedEvent reserved(HandshakeId invitation, AccountId recipient, Instant at) {
        return new InvitationReservedEvent(ORG, invitation, "account:" + recipient.value(), recipient, at,
                at.plus(INVITATION_LIFETIME));
    }

    /** The invitation {@link #invite} opens: {@link #MANAGEMENT} invites {@code recipient} to {@link #ORG}. */
    public static AccountInvitedEvent invited(HandshakeId invitation, AccountId recipient, Instant at,
                                              String expiryScheduleId) {
        return new AccountInvitedEvent(invitation, PROFILE, accountTarget(recipient), recipient, NOTES, TAGS,
                MANAGEMENT, at, at.plus(INVITATION_LIFETIME), RETENTION, expiryScheduleId);
    }

    /** The slot in {@link #ORG} that inviting an email address the ledger does not know took. */
    public static InvitationReservedEvent reservedForEmail(HandshakeId invitation, String address, Instant at) {
        return new InvitationReservedEvent(ORG, invitation, "email:" + address.toLowerCase(Locale.ROOT), null, at,
                at.plus(INVITATION_LIFETIME));
    }

    /** {@link #MANAGEMENT} invites an email address the ledger does not know to {@link #ORG}. */
    public static AccountInvitedEvent invitedByEmail(HandshakeId invitation, String address, Instant at,
                                                     String expiryScheduleId) {
        return new AccountInvitedEvent(invitation, PROFILE, new HandshakeParty(address, PartyType.EMAIL), null, NOTES,
                TAGS, MANAGEMENT, at, at.plus(INVITATION_LIFETIME), RETENTION, expiryScheduleId);
    }

    public static HandshakeParty accountTarget(AccountId account) {
        return new HandshakeParty(account.value(), PartyType.ACCOUNT);
    }

    /** {@link #MANAGEMENT} invites {@code recipient} to {@link #ORG}, within the usual {@link #LIMITS}. */
    public static InviteAccountToOrganizationCommand invite(HandshakeId invitation, AccountId recipient, Instant at) {
        return invite(invitation, recipient, at, LIMITS);
    }

    public static InviteAccountToOrganizationCommand invite(HandshakeId invitation, AccountId recipient, Instant at,
                                                            InvitationLimits limits) {
        return new InviteAccountToOrganizationCommand(invitation, ORG, MANAGEMENT, accountTarget(recipient),
                recipient, NOTES, TAGS, at, at.plus(INVITATION_LIFETIME), RETENTION, limits);
    }

    /** {@link #MANAGEMENT} starts enabling all features of {@link #ORG} with {@link #PARENT}. */
    public static EnableAllFeaturesCommand enableAllFeatures(Instant at) {
        return enableAllFeatures(PARENT, at);
    }

    public static EnableAllFeaturesCommand enableAllFeatures(HandshakeId parent, Instant at) {
        return enableAllFeatures(PROFILE, parent, at);
    }

    /** The management account of {@code organization} starts enabling all features there. */
    public static EnableAllFeaturesCommand enableAllFeatures(OrganizationProfile organization, HandshakeId parent,
                                                             Instant at) {
        return new EnableAllFeaturesCommand(parent, organization.id(), organization.managementAccountId(), at,
                at.plus(MIGRATION_LIFETIME), RETENTION);
    }

    /** The caller accepts, moving if it is a member elsewhere; who it says it is matters to email invitations only. */
    public static AcceptHandshakeCommand acceptHandshake(HandshakeId handshake, AccountId caller, Instant at) {
        return new AcceptHandshakeCommand(handshake, caller, emailOf(caller), "Caller", at, AcceptWhileMember.MOVE);
    }

    public static DeclineHandshakeCommand declineHandshake(HandshakeId handshake, AccountId caller, Instant at) {
        return new DeclineHandshakeCommand(handshake, caller, emailOf(caller), at);
    }

    /** The address every example account goes by. */
    public static String emailOf(AccountId account) {
        return account.value() + "@example.com";
    }
}
