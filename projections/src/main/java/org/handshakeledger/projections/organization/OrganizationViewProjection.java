package org.handshakeledger.projections.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Organizations and their member accounts. Every event here comes from the organization aggregate, whose events
 * arrive in order; the handlers set absolute values, so applying one twice gives the same row.
 */
@Component
@ProcessingGroup(OrganizationViewProjection.PROCESSING_GROUP)
public class OrganizationViewProjection {
    public static final String PROCESSING_GROUP = "organization-views";

    private final OrganizationViewRepository organizations;
    private final AccountViewRepository accounts;

    public OrganizationViewProjection(OrganizationViewRepository organizations, AccountViewRepository accounts) {
        this.organizations = organizations;
        this.accounts = accounts;
    }

    @EventHandler
    void on(OrganizationCreatedEvent e) {
        OrganizationProfile org = e.organization();
        organizations.save(new OrganizationViewEntity(org.id().value(), org.managementAccountId().value(),
                org.managementEmail(), org.managementName(), org.featureSet().name(), e.createdAt()));
        AccountViewEntity management = account(org.managementAccountId().value());
        management.join(org.id().value(), true, org.managementEmail(), org.managementName(),
                JoinedMethod.INVITED.name(), e.createdAt(), Map.of());
        accounts.save(management);
    }

    @EventHandler
    void on(AccountJoinedOrganizationEvent e) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (e.tags() != null) {
            e.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        }
        AccountViewEntity member = account(e.accountId().value());
        member.join(e.organizationId().value(), false, e.email(), e.name(), e.joinedMethod().name(), e.joinedAt(),
                tags);
        accounts.save(member);
    }

    @EventHandler
    void on(AccountLeftOrganizationEvent e) {
        accounts.findById(e.accountId().value())
                .filter(row -> e.organizationId().value().equals(row.getOrganizationId()))
                .ifPresent(row -> {
                    row.leave();
                    accounts.save(row);
                });
    }

    @EventHandler
    void on(AllFeaturesEnabledEvent e) {
        organizations.findById(e.organizationId().value()).ifPresent(row -> {
            row.featureSet("ALL");
            organizations.save(row);
        });
    }

    @EventHandler
    void on(OrganizationDeletedEvent e) {
        organizations.findById(e.organizationId().value()).ifPresent(row -> {
            row.markDeleted();
            organizations.save(row);
        });
        on(new AccountLeftOrganizationEvent(e.organizationId(), e.deletedBy(), null, e.deletedAt()));
    }

    @ResetHandler
    void reset() {
        accounts.deleteAll();
        organizations.deleteAllInBatch();
    }

    @QueryHandler
    public MembershipView handle(FindMembershipQuery query) {
        return accounts.findById(query.accountId())
                .map(row -> new MembershipView(row.getAccountId(), row.getOrganizationId(), row.isManagement()))
                .orElse(new MembershipView(query.accountId(), null, false));
    }

    @QueryHandler
    public Optional<OrganizationView> handle(GetOrganizationQuery query) {
        return organizations.findById(query.organizationId())
                .filter(row -> !row.isDeleted())
                .map(OrganizationViewProjection::view);
    }

    @QueryHandler
    public OrganizationPage handle(ListOrganizationsQuery query) {
        List<OrganizationViewEntity> rows = organizations.findByDeletedFalseAndIdGreaterThanOrderByIdAsc(
                query.afterId() == null ? "" : query.afterId(), Limit.of(query.size() + 1));
        List<OrganizationViewEntity> page = rows.stream().limit(query.size()).toList();
        Map<String, AccountPage> members = new LinkedHashMap<>();
        if (query.membersEach() > 0 && !page.isEmpty()) {
            Map<String, String> managementByOrganization = page.stream().collect(Collectors.toMap(
                    OrganizationViewEntity::getId, OrganizationViewEntity::getManagementAccountId));
            Map<String, List<AccountViewEntity>> byOrganization = accounts.firstMembersOf(
                            managementByOrganization.keySet(), query.membersEach() + 1).stream()
                    .collect(Collectors.groupingBy(AccountViewEntity::getOrganizationId));
            managementByOrganization.forEach((id, management) -> {
                List<AccountViewEntity> first = byOrganization.getOrDefault(id, List.of());
                members.put(id, new AccountPage(first.stream().limit(query.membersEach())
                        .map(row -> member(row, management)).toList(), first.size() > query.membersEach()));
            });
        }
        return new OrganizationPage(page.stream().map(OrganizationViewProjection::view).toList(), members,
                rows.size() > query.size());
    }

    private static OrganizationView view(OrganizationViewEntity row) {
        return new OrganizationView(row.getId(),
                "arn:aws:organizations::" + row.getManagementAccountId() + ":organization/" + row.getId(),
                row.getFeatureSet(), accountArn(row.getManagementAccountId(), row.getId(),
                row.getManagementAccountId()), row.getManagementAccountId(), row.getManagementEmail());
    }

    @QueryHandler
    public AccountPage handle(ListAccountsQuery query) {
        Optional<OrganizationViewEntity> org = organizations.findById(query.organizationId());
        if (org.isEmpty()) {
            return new AccountPage(List.of(), false);
        }
        String management = org.get().getManagementAccountId();
        List<AccountViewEntity> rows = accounts.pageOfMembers(query.organizationId(), query.afterAccountId(),
                Limit.of(query.size() + 1));
        List<AccountView> page = rows.stream().limit(query.size()).map(row -> member(row, management)).toList();
        return new AccountPage(page, rows.size() > query.size());
    }

    @QueryHandler
    public AccountTags handle(ListTagsForAccountQuery query) {
        return accounts.findById(query.accountId())
                .filter(row -> query.organizationId().equals(row.getOrganizationId()))
                .map(row -> new AccountTags(true, row.getTags().entrySet().stream()
                        .map(tag -> new Tag(tag.getKey(), tag.getValue())).toList()))
                .orElse(new AccountTags(false, List.of()));
    }

    private AccountViewEntity account(String accountId) {
        return accounts.findById(accountId).orElseGet(() -> new AccountViewEntity(accountId));
    }

    private static AccountView member(AccountViewEntity row, String management) {
        return new AccountView(row.getAccountId(), accountArn(management, row.getOrganizationId(), row.getAccountId()),
                row.getEmail(), row.getName(), row.getJoinedMethod(), row.getJoinedAt());
    }

    private static String accountArn(String management, String organizationId, String accountId) {
        return "arn:aws:organizations::" + management + ":account/" + organizationId + "/" + accountId;
    }
}
