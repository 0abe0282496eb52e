package org.handshakeledger.projections;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/**
 * Writes the domain's typed ids as their plain strings ({@code "handshakeId":"h-…"}) and reads them back. Used for
 * stored events, so that an id read back from any {@code Object}-typed place (a deadline's scope) is still the
 * string Axon expects (AXON-NOTES §6), and for the event details in the audit trail.
 */
public class TypedIdsModule extends SimpleModule {
    public TypedIdsModule() {
        super("handshake-ledger-typed-ids");
        register(HandshakeId.class, HandshakeId::new);
        register(OrganizationId.class, OrganizationId::new);
        register(AccountId.class, AccountId::new);
    }

    private <T> void register(Class<T> type, Function<String, T> parse) {
        addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(type, new FromStringDeserializer<>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) {
                return parse.apply(value);
            }
        });
    }
}
