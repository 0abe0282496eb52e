package org.handshakeledger.app.awsjson;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The AWS JSON 1.1 wire format: PascalCase members, absent members left out, timestamps as epoch seconds with
 * milliseconds ({@code 1470083835.210}), strict scalar types (a string where a number belongs is a
 * SerializationException, as with AWS), and error messages of the ledger's own, never the JSON library's.
 */
@Component
public class AwsJson {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger log = LoggerFactory.getLogger(AwsJson.class);

    private final ObjectMapper mapper;

    public AwsJson() {
        SimpleModule timestamps = new SimpleModule("aws-timestamps");
        timestamps.addSerializer(Instant.class, new EpochSecondsSerializer());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // ALLOW_COERCION_OF_SCALARS does not cover String targets: a number or boolean would become text
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(timestamps)
                .build();
    }

    /**
     * Parses the body into the operation's request record; an empty body counts as {@code {}}. Every refusal is a
     * SerializationException with a message of the ledger's own ({@link JsonBodyReader}, {@link MemberTypes}).
     */
    public <T> T read(byte[] body, Class<T> type) {
        ObjectNode tree = JsonBodyReader.read(body);
        MemberTypes.check(tree, type);
        try {
            return mapper.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            // a gap in MemberTypes, so a bug of the ledger, but one a client's input found: logged, answered as 400
            log.error("A {} passed the member type checks but could not be bound", type.getSimpleName(), e);
            throw new AwsProtocolException(JsonBodyReader.SERIALIZATION_EXCEPTION,
                    "The request body does not fit the input of this operation.");
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + value.getClass().getSimpleName(), e);
        }
    }

    private static final class EpochSecondsSerializer extends StdSerializer<Instant> {
        EpochSecondsSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3).toPlainString());
        }
    }
}
