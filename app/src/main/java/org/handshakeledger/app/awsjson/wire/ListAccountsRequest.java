package org.handshakeledger.app.awsjson.wire;

/** The input of ListAccounts. */
public record ListAccountsRequest(String nextToken, Integer maxResults) {
}
