package org.handshakeledger.app.awsjson.wire;

import java.util.List;

/** The output of ListAccounts. */
public record ListAccountsResponse(List<AccountShape> accounts, String nextToken) {
}
