package org.handshakeledger.app.operator;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.store.BackupFailedException;
import org.handshakeledger.app.store.H2Backups;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ledger/backup}, for accounts with the role {@value ProjectionsController#OPERATOR}: an online backup of
 * the embedded H2 store into {@code ledger.backup.dir} while the ledger serves, answered 201 once the file is complete,
 * with its path, size and SHA-256. {@code --ledger.restore} ({@link OfflineRestoreStartup}) restores it. A ledger on
 * PostgreSQL is refused with 409: its database is backed up with PostgreSQL's own tools.
 */
@RestController
@LedgerEndpoint
public class BackupController {
    private static final Logger log = LoggerFactory.getLogger(BackupController.class);

    private final OperatorAccess access;
    private final H2Backups backups;
    private final LedgerProperties properties;

    public BackupController(OperatorAccess access, H2Backups backups, LedgerProperties properties) {
        this.access = access;
        this.backups = backups;
        this.properties = properties;
    }

    @PostMapping("/ledger/backup")
    public ResponseEntity<byte[]> backup(HttpServletRequest http) {
        operator(http);
        if (!backups.available()) {
            throw new LedgerException(LedgerError.BACKUP_NOT_SUPPORTED, "This ledger does not run on its embedded H2"
                    + " store, so it has nothing to back up itself: back up its PostgreSQL database with pg_dump -Fc"
                    + " (restore with pg_restore), or continuously with a base backup (pg_basebackup) and WAL"
                    + " archiving for point-in-time recovery.");
        }
        H2Backups.Backup backup;
        try {
            backup = backups.takeTo(properties.backupDir());
        } catch (BackupFailedException e) {
            log.error("Backup failed: {}", e.getMessage(), e.getCause());
            throw new LedgerException(LedgerError.BACKUP_FAILED, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", backup.file().toString());
        body.put("bytes", backup.bytes());
        body.put("sha256", backup.sha256());
        body.put("takenAt", backup.takenAt());
        body.put("lastGlobalIndex", backup.lastGlobalIndex());
        body.put("tookMillis", backup.took().toMillis());
        // not in the zip, which must not carry the private key: the operator keeps a copy of it with the backups
        body.put("signingKeyFile", properties.signingKeyFile().toAbsolutePath().normalize().toString());
        return LedgerResponses.json(HttpStatus.CREATED, body);
    }

    @RequestMapping("/ledger/backup")
    public ResponseEntity<byte[]> backupWithOtherMethod(HttpServletRequest http, HttpServletResponse response) {
        operator(http);
        response.setHeader(HttpHeaders.ALLOW, "POST");
        throw new LedgerException(LedgerError.METHOD_NOT_ALLOWED,
                http.getMethod() + " is not supported here; a backup is taken with POST.");
    }

    private void operator(HttpServletRequest http) {
        access.require(http, "take a backup");
    }
}
