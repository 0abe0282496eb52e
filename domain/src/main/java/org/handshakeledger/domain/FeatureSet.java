package org.handshakeledger.domain;

/** The feature set of an organization. */
public enum FeatureSet {
    ALL,
    CONSOLIDATED_BILLING
}
