package org.handshakeledger.app.operator;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.store.ViewSwapLock;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.handshakeledger.app.web.LedgerError;
import org.handshakeledger.app.web.LedgerException;
import org.handshakeledger.app.web.LedgerResponses;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.ViewChecksum;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the event processors, for accounts with the role {@value #OPERATOR}:
 * <ul>
 *   <li>{@code GET /ledger/projections}: every processor with its position, the head of the event store, its lag,
 *   whether it is replaying, and the progress of the running or last rebuild of its view;</li>
 *   <li>{@code POST /ledger/projections/{name}/replay}: rebuilds a view from the event store in the background
 *   (202); the old view serves until the rebuilt one is swapped in; 409 while another rebuild runs;</li>
 *   <li>{@code GET /ledger/projections/{name}/checksum}: a SHA-256 digest of the view's content, to compare before
 *   and after a rebuild.</li>
 * </ul>
 */
@RestController
@LedgerEndpoint
public class ProjectionsController {
    public static final String OPERATOR = DirectoryAccount.OPERATOR;

    private final OperatorAccess access;
    private final ProjectionStatuses statuses;
    private final ViewRebuilds rebuilds;
    private final ViewChecksum checksums;
    private final ViewSwapLock swapLock;

    public ProjectionsController(OperatorAccess access, ProjectionStatuses statuses,
                                 ViewRebuilds rebuilds, ViewChecksum checksums, ViewSwapLock swapLock) {
        this.access = access;
        this.statuses = statuses;
        this.rebuilds = rebuilds;
        this.checksums = checksums;
        this.swapLock = swapLock;
    }

    @GetMapping("/ledger/projections")
    public ResponseEntity<byte[]> list(HttpServletRequest http) {
        operator(http);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", statuses.head());
        body.put("projections", statuses.all());
        return LedgerResponses.json(HttpStatus.OK, body);
    }

    @PostMapping("/ledger/projections/{name}/replay")
    public ResponseEntity<byte[]> replay(@PathVariable("name") String name, HttpServletRequest http) {
        operator(http);
        RebuildProgress started;
        try {
            started = rebuilds.start(view(name));
        } catch (RebuildInProgressException e) {
            throw new LedgerException(LedgerError.REBUILD_IN_PROGRESS, e.getMessage());
        }
        return LedgerResponses.json(HttpStatus.ACCEPTED, started);
    }

    @GetMapping("/ledger/projections/{name}/checksum")
    public ResponseEntity<byte[]> checksum(@PathVariable("name") String name, HttpServletRequest http) {
        operator(http);
        RebuildableView view = view(name);
        ViewChecksum.Digest digest = swapLock.shared(() -> checksums.of(view));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", digest.view());
        body.put("algorithm", "SHA-256");
        body.put("checksum", digest.sha256());
        body.put("rows", digest.rows());
        body.put("lag", statuses.named(name).map(ProjectionStatus::lag).orElse(null));
        return LedgerResponses.json(HttpStatus.OK, body);
    }

    @RequestMapping("/ledger/projections/{name}/replay")
    public ResponseEntity<byte[]> replayWithOtherMethod(HttpServletRequest http, HttpServletResponse response) {
        operator(http);
        response.setHeader(HttpHeaders.ALLOW, "POST");
        throw new LedgerException(LedgerError.METHOD_NOT_ALLOWED,
                http.getMethod() + " is not supported here; a replay is started with POST.");
    }

    private void operator(HttpServletRequest http) {
        access.require(http, "see or rebuild the projections");
    }

    private RebuildableView view(String name) {
        return RebuildableView.named(name).orElseThrow(() -> statuses.named(name).isPresent()
                ? new LedgerException(LedgerError.NOT_A_VIEW, name
                        + " is not a view: it passes events on and keeps no state to rebuild.")
                : new LedgerException(LedgerError.NO_SUCH_PROJECTION, "There is no projection '"
                        + name + "'; GET /ledger/projections lists them."));
    }
}
