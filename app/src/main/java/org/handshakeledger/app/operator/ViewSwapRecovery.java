package org.handshakeledger.app.operator;

import java.sql.SQLException;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.handshakeledger.projections.rebuild.ViewTableSwap;
import org.springframework.stereotype.Component;

/**
 * Finishes a swap of view tables that a crash interrupted, right after the schema migrations and before JPA
 * validates the tables (every table has its name again).
 */
@Component
public class ViewSwapRecovery implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            ViewTableSwap.completeInterruptedSwaps(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not finish an interrupted swap of view tables: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String getCallbackName() {
        return "view swap recovery";
    }
}
