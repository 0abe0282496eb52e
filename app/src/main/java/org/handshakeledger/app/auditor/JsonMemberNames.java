package org.handshakeledger.app.auditor;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two spellings of request members: the wire's upper camel case ({@code HandshakeId}), which the audit trail
 * keeps, and CloudTrail's lower camel case ({@code handshakeId}), which the CloudTrail export writes and the
 * CloudTrail import reads.
 */
public final class JsonMemberNames {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMemberNames() {
    }

    /** {@code node} with every member name, at any depth, starting in lower case, as CloudTrail writes them. */
    public static JsonNode lowerCamel(JsonNode node) {
        return renamed(node, false);
    }

    /** {@code node} with every member name, at any depth, starting in upper case, as the wire has them. */
    public static JsonNode upperCamel(JsonNode node) {
        return renamed(node, true);
    }

    private static JsonNode renamed(JsonNode node, boolean upper) {
        if (node.isObject()) {
            ObjectNode renamed = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String newName = name.isEmpty() ? name : (upper ? Character.toUpperCase(name.charAt(0))
                        : Character.toLowerCase(name.charAt(0))) + name.substring(1);
                renamed.set(newName, renamed(field.getValue(), upper));
            }
            return renamed;
        }
        if (node.isArray()) {
            ArrayNode items = NODES.arrayNode();
            node.forEach(item -> items.add(renamed(item, upper)));
            return items;
        }
        return node;
    }
}
