package org.handshakeledger.app.console;

import org.handshakeledger.app.mirror.MirrorState;
import org.handshakeledger.app.mirror.MirrorStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * For auditors and operators (the security configuration admits no one else under {@code /console/mirror}): the
 * mirror's status, as {@code GET /ledger/mirror} gives it, and the handshakes it saw last, each linked to its
 * timeline.
 */
@Controller
class MirrorPage {
    static final int NEWEST = 100;

    private final MirrorStatus.Reader statuses;
    private final MirrorState state;

    MirrorPage(MirrorStatus.Reader statuses, MirrorState state) {
        this.statuses = statuses;
        this.state = state;
    }

    @GetMapping("/console/mirror")
    String mirror(Model model) {
        model.addAttribute("status", statuses.current());
        model.addAttribute("handshakes", state.newest(NEWEST));
        model.addAttribute("newest", NEWEST);
        return "console/mirror";
    }
}
