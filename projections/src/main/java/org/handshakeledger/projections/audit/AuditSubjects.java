package org.handshakeledger.projections.audit;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.audit.CloudTrailCallImportedEvent;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeChangedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeFirstSeenEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeVanishedEvent;
import org.handshakeledger.domain.mirror.ObservedHandshake;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.EventTypeMapping;

/**
 * What each kind of event concerns, for its audit record. The events that create a handshake make the trail
 * remember its organization and parties, for the later events that name only the handshake. The events mapped here
 * are the ones the trail records; any other is bookkeeping.
 */
final class AuditSubjects {
    private final AuditedHandshakeRepository handshakes;
    /** Each entry is given the account that acted, which only a refusal needs. */
    private final EventTypeMapping<String, AuditSubject> byEventType;

    AuditSubjects(AuditedHandshakeRepository handshakes) {
        this.handshakes = handshakes;
        this.byEventType = new EventTypeMapping<String, AuditSubject>()
                .on(AccountInvitedEvent.class, this::invited)
                .on(AllFeaturesRequestedEvent.class, e -> remember(e.handshakeId(), e.organization().id(),
                        AuditParties.of(management(e.organization())), e.initialState().name()))
                .on(AllFeaturesApprovalRequestedEvent.class, e -> remember(e.handshakeId(), e.organization().id(),
                        AuditParties.of(management(e.organization()), e.member().value()), "OPEN"))
                .on(HandshakeOpenedEvent.class, e -> known(e.handshakeId(), "OPEN"))
                .on(HandshakeAcceptedEvent.class, e -> known(e.handshakeId(), "ACCEPTED"))
                .on(HandshakeDeclinedEvent.class, e -> known(e.handshakeId(), "DECLINED"))
                .on(HandshakeCanceledEvent.class, e -> known(e.handshakeId(), "CANCELED"))
                .on(HandshakeExpiredEvent.class, e -> known(e.handshakeId(), "EXPIRED"))
                .on(HandshakeDeletedEvent.class, e -> known(e.handshakeId(), "DELETED"))
                .on(OrganizationCreatedEvent.class, e -> new AuditSubject(e.organization().id().value(), null,
                        AuditParties.of(management(e.organization())), null))
                .on(OrganizationDeletedEvent.class, e -> new AuditSubject(e.organizationId().value(), null,
                        AuditParties.of(e.deletedBy().value()), null))
                .on(AccountJoinedOrganizationEvent.class, e -> new AuditSubject(e.organizationId().value(),
                        e.handshakeId() == null ? null : e.handshakeId().value(),
                        AuditParties.of(e.accountId().value()), null))
                .on(AccountLeftOrganizationEvent.class, e -> new AuditSubject(e.organizationId().value(), null,
                        AuditParties.of(e.accountId().value()), null))
                .on(AllFeaturesEnabledEvent.class, e -> new AuditSubject(e.organizationId().value(),
                        e.parentId().value(), AuditParties.of(), null))
                .on(RequestRefusedEvent.class, this::refused)
                .on(MirroredHandshakeFirstSeenEvent.class, e -> observed(e.handshake()))
                .on(MirroredHandshakeChangedEvent.class, e -> observed(e.handshake()))
                .on(MirroredHandshakeVanishedEvent.class, e -> known(e.handshakeId(), "DELETED"))
                .on(CloudTrailCallImportedEvent.class, this::imported);
    }

    /** What {@code payload}, caused by {@code actor}, concerns; empty for an event that is no record of its own. */
    Optional<AuditSubject> subjectOf(Object payload, String actor) {
        return byEventType.apply(payload, actor);
    }

    private AuditSubject invited(AccountInvitedEvent e) {
        Set<String> parties = AuditParties.of(management(e.organization()),
                e.recipientAccountId() == null ? null : e.recipientAccountId().value(),
                e.target().id().toLowerCase(Locale.ROOT));
        return remember(e.handshakeId(), e.organization().id(), parties, "OPEN");
    }

    /** A handshake seen upstream: its organization and parties as listed, remembered for its vanishing. */
    private AuditSubject observed(ObservedHandshake seen) {
        Set<String> parties = AuditParties.of(seen.managementAccountId(), seen.recipientAccountId(),
                seen.recipientEmail());
        return remember(seen.id(), seen.organizationId(), parties, seen.state());
    }

    private AuditSubject refused(RequestRefusedEvent e, String actor) {
        AuditedHandshakeEntity handshake = e.handshakeId() == null ? null
                : handshakes.findById(e.handshakeId()).orElse(null);
        // A caller that may not see the handshake was told it does not exist: its record must not name the
        // handshake's organization and parties (the caller reads its own records), nor go to them.
        return handshake == null || !maySee(actor, e.organizationId(), handshake)
                ? new AuditSubject(e.organizationId(), e.handshakeId(), AuditParties.of(), null)
                : new AuditSubject(handshake.getOrganizationId(), e.handshakeId(),
                        AuditParties.split(handshake.getParties()), null);
    }

    /**
     * An imported call concerns the organization and parties it names, and those the trail remembers for its
     * handshake. The first successful call that names a handshake and its organization (the invitation, as AWS
     * answers it) makes the trail remember them, with its caller, for the imported answers to it. A failed call names
     * the remembered ones only when its caller is among them, as for a refusal: the caller may have been told that
     * the handshake does not exist.
     */
    private AuditSubject imported(CloudTrailCallImportedEvent e, String actor) {
        Set<String> parties = new LinkedHashSet<>(e.parties());
        AuditedHandshakeEntity handshake = e.handshakeId() == null ? null
                : handshakes.findById(e.handshakeId()).orElse(null);
        if (handshake == null && e.handshakeId() != null && e.organizationId() != null && e.errorCode() == null) {
            // the caller that created it is its originator, a party to every later call about it
            parties.addAll(AuditParties.of(actor));
            return remember(e.handshakeId(), e.organizationId(), parties, e.state());
        }
        if (handshake == null || e.errorCode() != null && !maySee(actor, e.organizationId(), handshake)) {
            return new AuditSubject(e.organizationId(), e.handshakeId(), parties, e.state());
        }
        parties.addAll(AuditParties.split(handshake.getParties()));
        return new AuditSubject(e.organizationId() != null ? e.organizationId() : handshake.getOrganizationId(),
                e.handshakeId(), parties, e.state());
    }

    /** Whether DescribeHandshake shows the handshake to the account: a party, or in the originating organization. */
    private static boolean maySee(String account, String accountOrganization, AuditedHandshakeEntity handshake) {
        return account != null && (AuditParties.split(handshake.getParties()).contains(account)
                || handshake.getOrganizationId() != null && handshake.getOrganizationId().equals(accountOrganization));
    }

    private AuditSubject remember(HandshakeId id, OrganizationId organization, Set<String> parties, String state) {
        return remember(id.value(), organization.value(), parties, state);
    }

    private AuditSubject remember(String id, String organization, Set<String> parties, String state) {
        // a lookup by id, unlike an exists query, does not flush the other rows of this transaction first
        if (handshakes.findById(id).isEmpty()) {
            handshakes.save(new AuditedHandshakeEntity(id, organization, AuditParties.joined(parties)));
        }
        return new AuditSubject(organization, id, parties, state);
    }

    private AuditSubject known(HandshakeId id, String state) {
        return known(id.value(), state);
    }

    private AuditSubject known(String id, String state) {
        AuditedHandshakeEntity handshake = handshakes.findById(id).orElse(null);
        return handshake == null
                ? new AuditSubject(null, id, AuditParties.of(), state)
                : new AuditSubject(handshake.getOrganizationId(), id, AuditParties.split(handshake.getParties()),
                        state);
    }

    private static String management(OrganizationProfile organization) {
        return organization.managementAccountId().value();
    }
}
