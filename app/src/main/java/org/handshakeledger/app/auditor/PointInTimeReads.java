package org.handshakeledger.app.auditor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.handshakeledger.app.auditor.StoredHandshakeEvents.StoredEvent;
import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.QueryParameters;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.projections.audit.AuditScope;
import org.handshakeledger.projections.handshake.HandshakeView;
import org.springframework.stereotype.Service;

/**
 * Point-in-time ("asOf") reads: what DescribeHandshake and ListHandshakesForOrganization would have answered at any
 * past instant, also about handshakes the AWS-facing views deleted long ago. Each handshake is folded from its own
 * events in the event store, those stored at or before the instant; the audit trail only finds an organization's
 * handshakes. Used by the {@code /ledger} endpoints ({@code app.pointintime.AsOfController}) and callable
 * directly, e.g. by the web console, with an authenticated caller: who sees what follows the audit endpoints' rule
 * ({@link AuditScopes}).
 *
 * <p>An unknown handshake or organization and one the caller may not see get the same not-found answer, so that
 * nothing tells them apart. Parameters are checked here too, each refusal naming the {@code /ledger} parameter.
 */
@Service
public class PointInTimeReads {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final AuditScopes scopes;
    private final StoredHandshakeEvents events;
    private final OrganizationHandshakesInTrail trail;
    private final Clock clock;

    public PointInTimeReads(AuditScopes scopes, StoredHandshakeEvents events, OrganizationHandshakesInTrail trail,
                            Clock clock) {
        this.scopes = scopes;
        this.events = events;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * The handshake as DescribeHandshake would have described it at {@code at}, or why it would have answered
     * HandshakeNotFoundException then (not created yet, or deleted by the retention).
     *
     * @throws LedgerException {@link LedgerError#HANDSHAKE_NOT_FOUND} for an unknown handshake or one the caller
     *                         may not see; {@link LedgerError#INVALID_PARAMETER} for a malformed id or a future instant
     */
    public HandshakeAsOf handshake(AuthenticatedCaller caller, String handshakeId, Instant at) {
        requirePast(at);
        return visibleHistory(caller, handshakeId).at(at);
    }

    /**
     * The event store timestamps of the handshake's events, oldest first: the instants at which its description
     * changed (a time slider's stops). The retention's end, when the views stopped showing it, is no event of its
     * own: {@link #handshake} tells it.
     *
     * @throws LedgerException as {@link #handshake} does
     */
    public List<Instant> eventTimes(AuthenticatedCaller caller, String handshakeId) {
        return visibleHistory(caller, handshakeId).eventTimes();
    }

    /**
     * A page of what ListHandshakesForOrganization would have shown at {@code at}: the organization's handshakes
     * created at or before then and not yet deleted by the retention, each as of then, newest request first (then
     * by id). Only an auditor or the account that manages the organization now may ask.
     *
     * @param actionType a {@link HandshakeAction} name, or null for all
     * @param after      the {@code nextAfter} of the previous page, or null for the first
     * @param limit      1 to {@value #MAX_LIMIT}
     * @throws LedgerException {@link LedgerError#ORGANIZATION_NOT_FOUND} for an unknown organization or one the
     *                         caller may not list; {@link LedgerError#INVALID_PARAMETER} for a malformed parameter
     */
    public OrganizationHandshakesAsOf organizationHandshakes(AuthenticatedCaller caller, String organizationId,
                                                             Instant at, String actionType, String after,
                                                             int limit) {
        if (!OrganizationId.isValid(organizationId)) {
            throw QueryParameters.invalid("id", organizationId, "an organization id such as o-a1b2c3d4e5");
        }
        requirePast(at);
        HandshakeAction action = action(actionType);
        OrganizationHandshakeCursor position = after == null ? null
                : OrganizationHandshakeCursor.decode("after", after);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw LedgerException.invalidParameter("limit", "must be from 1 to " + MAX_LIMIT + ".");
        }
        requireListable(caller, organizationId);

        // one more than the page, to know whether another follows; a candidate the trail lists may yet be hidden
        // at that instant (its retention ended before the deletion event came), so read on until the page is full
        List<HandshakeView> views = new ArrayList<>();
        List<OrganizationHandshakeCursor> keys = new ArrayList<>();
        boolean exhausted = false;
        while (views.size() <= limit && !exhausted) {
            List<OrganizationHandshakeCursor> candidates = trail.page(organizationId, at, action, position, limit + 1);
            exhausted = candidates.size() <= limit;
            Map<String, List<StoredEvent>> stored = events.of(
                    candidates.stream().map(OrganizationHandshakeCursor::handshakeId).toList());
            for (OrganizationHandshakeCursor candidate : candidates) {
                position = candidate;
                List<StoredEvent> history = stored.get(candidate.handshakeId());
                if (history != null && new HandshakeHistory(candidate.handshakeId(), history).at(at)
                        instanceof HandshakeAsOf.Described described) {
                    views.add(described.view());
                    keys.add(candidate);
                    if (views.size() > limit) {
                        break;
                    }
                }
            }
        }
        if (views.size() > limit) {
            return new OrganizationHandshakesAsOf(List.copyOf(views.subList(0, limit)), keys.get(limit - 1).encode());
        }
        return new OrganizationHandshakesAsOf(List.copyOf(views), null);
    }

    private HandshakeHistory visibleHistory(AuthenticatedCaller caller, String handshakeId) {
        if (!HandshakeId.isValid(handshakeId)) {
            throw QueryParameters.invalid("id", handshakeId,
                    "a handshake id such as h-0123456789abcdef0123456789abcdef");
        }
        HandshakeHistory history = new HandshakeHistory(handshakeId,
                events.of(List.of(handshakeId)).getOrDefault(handshakeId, List.of()));
        if (!history.visibleTo(scopes.of(caller), caller.account().email())) {
            // the same answer whether the handshake is unknown or only not the caller's to see
            throw new LedgerException(LedgerError.HANDSHAKE_NOT_FOUND,
                    "We can't find a handshake with the HandshakeId that you specified: " + handshakeId + ".");
        }
        return history;
    }

    private void requireListable(AuthenticatedCaller caller, String organizationId) {
        AuditScope scope = scopes.of(caller);
        boolean listable = scope.everything() ? trail.knows(organizationId)
                : organizationId.equals(scope.managedOrganizationId());
        if (!listable) {
            // the same answer whether the organization is unknown or only not the caller's to list
            throw new LedgerException(LedgerError.ORGANIZATION_NOT_FOUND,
                    "No organization " + organizationId + " that you may list: only an auditor or the account"
                            + " that manages it now may.");
        }
    }

    private void requirePast(Instant at) {
        if (at.isAfter(clock.instant())) {
            throw LedgerException.invalidParameter("asOf",
                    "'" + at + "' is in the future; the ledger answers for the past and the present only.");
        }
    }

    private static HandshakeAction action(String actionType) {
        if (actionType == null) {
            return null;
        }
        try {
            return HandshakeAction.valueOf(actionType);
        } catch (IllegalArgumentException e) {
            throw QueryParameters.invalid("actionType", actionType,
                    "one of " + Arrays.toString(HandshakeAction.values()));
        }
    }
}
