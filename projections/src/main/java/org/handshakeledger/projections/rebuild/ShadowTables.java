package org.handshakeledger.projections.rebuild;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Sends the SQL of threads that rebuild a view to its shadow tables. The projections are written once, against the
 * live table names; a rebuild runs the same handlers on threads made by {@link #threadFactory}, and every statement
 * those threads prepare has each view table name replaced by its shadow's. Registered with Hibernate as its
 * statement inspector, so it sees every statement, including the flush at commit.
 */
public final class ShadowTables implements StatementInspector {
    public static final String SUFFIX = "_next";

    private static final ThreadLocal<Boolean> ROUTED = ThreadLocal.withInitial(() -> false);
    private static final Pattern VIEW_TABLES = Pattern.compile(Arrays.stream(RebuildableView.values())
            .flatMap(view -> view.tables().stream())
            .map(ViewTable::name)
            .collect(Collectors.joining("|", "\\b(", ")\\b")), Pattern.CASE_INSENSITIVE);

    @Override
    public String inspect(String sql) {
        return ROUTED.get() ? toShadow(sql) : sql;
    }

    static String toShadow(String sql) {
        return VIEW_TABLES.matcher(sql).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + SUFFIX));
    }

    /** Threads whose view statements all go to the shadow tables, for the processor that rebuilds a view. */
    public static ThreadFactory threadFactory(String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> {
                ROUTED.set(true);
                task.run();
            }, namePrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs {@code work} on this thread with its view statements sent to the shadow tables. */
    public static void routed(Runnable work) {
        boolean before = ROUTED.get();
        ROUTED.set(true);
        try {
            work.run();
        } finally {
            ROUTED.set(before);
        }
    }
}
