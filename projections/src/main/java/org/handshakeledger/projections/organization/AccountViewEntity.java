package org.handshakeledger.projections.organization;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.SQLOrder;

/** An account's membership as ListAccounts shows it, plus the tags it received when it joined. */
@Entity
@Table(name = "account_view")
public class AccountViewEntity {
    @Id
    private String accountId;
    private String organizationId;
    private boolean management;
    private String email;
    private String name;
    private String joinedMethod;
    private Instant joinedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_tag", joinColumns = @JoinColumn(name = "account_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    @SQLOrder("tag_key")
    // a page of members (ListAccounts, the console's organizations) loads their tags in one query, not one per member
    @BatchSize(size = 100)
    private Map<String, String> tags = new LinkedHashMap<>();

    protected AccountViewEntity() {
    }

    AccountViewEntity(String accountId) {
        this.accountId = accountId;
    }

    void join(String organizationId, boolean management, String email, String name, String joinedMethod,
              Instant joinedAt, Map<String, String> tags) {
        this.organizationId = organizationId;
        this.management = management;
        this.email = email;
        this.name = name;
        this.joinedMethod = joinedMethod;
        this.joinedAt = joinedAt;
        this.tags.clear();
        this.tags.putAll(tags);
    }

    void leave() {
        this.organizationId = null;
        this.management = false;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public boolean isManagement() {
        return management;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public String getJoinedMethod() {
        return joinedMethod;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Map<String, String> getTags() {
        return tags;
    }
}
