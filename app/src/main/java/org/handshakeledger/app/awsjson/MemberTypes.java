package org.handshakeledger.app.awsjson;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks that every member of a request has the JSON type its wire record declares, before the record is bound, and
 * names a wrong one the way the client wrote it: {@code Target.Id must be a string.}, {@code Tags[2] must be an
 * object.} (a {@code SerializationException}, spec §3.10 step 1). Members the record does not know are ignored, as
 * are members that are null, which counts as absent. Wire records hold only strings, integers, lists and records.
 */
final class MemberTypes {
    private MemberTypes() {
    }

    /** Refuses {@code request} unless its members fit {@code type}; a type that is not a record takes anything. */
    static void check(JsonNode request, Class<?> type) {
        if (type.isRecord()) {
            structure(request, type, "");
        }
    }

    private static void structure(JsonNode node, Class<?> type, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            String member = prefix + pascalCase(component.getName());
            JsonNode value = node.get(pascalCase(component.getName()));
            if (value != null && !value.isNull()) {
                value(value, component.getGenericType(), member);
            }
        }
    }

    private static void value(JsonNode value, Type type, String member) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            require(value.isTextual(), member, "a string");
        } else if (raw == Integer.class) {
            require(value.isIntegralNumber(), member, "an integer");
            if (!value.canConvertToInt()) {
                throw refused(member + " must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                        + ".");
            }
        } else if (raw == List.class) {
            require(value.isArray(), member, "a list");
            Type elements = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                String element = member + "[" + i + "]";
                if (value.get(i).isNull()) {
                    throw refused(element + " must be " + kind(raw(elements)) + ", not null.");
                }
                value(value.get(i), elements, element);
            }
        } else if (raw.isRecord()) {
            require(value.isObject(), member, "an object");
            structure(value, raw, member + ".");
        } else {
            throw new IllegalStateException("No JSON type for " + raw.getSimpleName() + " of " + member);
        }
    }

    private static void require(boolean fits, String member, String kind) {
        if (!fits) {
            throw refused(member + " must be " + kind + ".");
        }
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class) {
            return "an integer";
        }
        return type == List.class ? "a list" : "an object";
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    /** The wire name of a record component, as {@link AwsJson}'s naming strategy writes it. */
    static String pascalCase(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static AwsProtocolException refused(String message) {
        return new AwsProtocolException(JsonBodyReader.SERIALIZATION_EXCEPTION, message);
    }
}
