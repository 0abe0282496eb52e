package org.handshakeledger.app.auth;

import java.util.List;

/** The root of the accounts file ({@code --ledger.accounts-file}), as written. */
record AccountsFile(List<AccountEntry> accounts) {
}
