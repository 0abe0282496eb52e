package org.handshakeledger.app.auditor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.handshakeledger.projections.audit.AuditChain;
import org.handshakeledger.projections.audit.AuditRecord;

/**
 * Every field of an {@link AuditRecord}, in its declaration order, as exported by {@code history}, {@code jsonl}
 * and {@code csv}: numbers stay numbers, absent values are null, and times are written exactly as the canonical
 * form of the hash chain writes them ({@code 2026-01-31T12:00:00.000Z}), so an export can be re-hashed as it is.
 */
final class AuditRecordFields {
    private static final List<RecordComponent> COMPONENTS = List.of(AuditRecord.class.getRecordComponents());

    /** The field names, which are also the CSV header. */
    static final List<String> NAMES = COMPONENTS.stream().map(RecordComponent::getName).toList();

    private AuditRecordFields() {
    }

    static Map<String, Object> of(AuditRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : COMPONENTS) {
            fields.put(component.getName(), exported(value(component.getAccessor(), record)));
        }
        return fields;
    }

    private static Object exported(Object value) {
        return value instanceof Instant instant ? AuditChain.TIME.format(instant) : value;
    }

    private static Object value(Method accessor, AuditRecord record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + accessor.getName() + " of an audit record", e);
        }
    }
}
