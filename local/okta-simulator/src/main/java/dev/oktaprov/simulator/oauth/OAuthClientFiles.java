package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Service apps for {@code --oauth-client FILE}: one JSON object, or an array of them, each
 * {@code {"clientId", "keyId", "publicKey": PEM text or a JWK object (whose kid may stand for keyId),
 * "scopes": [..] or "a b"}}, and
 * optionally {@code "dpop_bound_access_tokens": true} (Okta's app setting) for a client that requires DPoP.
 */
public final class OAuthClientFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthClientFiles() {
    }

    public static List<RegisteredClient> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OAuth client file " + file, e);
        }
        List<RegisteredClient> clients = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(node -> clients.add(client(node)));
        } else if (root != null && root.isObject()) {
            clients.add(client(root));
        } else {
            throw new IllegalArgumentException("the OAuth client file must hold a JSON object or array");
        }
        return clients;
    }

    static RegisteredClient client(JsonNode node) {
        JsonNode key = node.path("publicKey");
        var publicKey = key.isObject() ? PublicKeys.fromJwk(key) : PublicKeys.parse(key.asText(""));
        Set<String> scopes = new LinkedHashSet<>();
        JsonNode scopeNode = node.path("scopes");
        if (scopeNode.isArray()) {
            scopeNode.forEach(scope -> scopes.add(scope.asText()));
        } else if (scopeNode.isTextual()) {
            scopes.addAll(List.of(scopeNode.asText().strip().split("[\\s,]+")));
        }
        // A public JWK copied from Okta's console carries its kid: it stands for keyId, as in the functions' secret.
        return new RegisteredClient(node.path("clientId").asText(""), publicKey,
                node.path("keyId").asText(key.path("kid").asText("")), scopes, node.path("dpop_bound_access_tokens").asBoolean(false));
    }
}
