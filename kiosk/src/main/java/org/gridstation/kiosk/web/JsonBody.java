package org.gridstation.kiosk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import org.gridstation.kiosk.request.InvalidFieldException;
import org.gridstation.protocol.Json;

/** Reads a request's JSON body; a body that is not JSON is a 400 naming {@code body}. */
final class JsonBody {
    private JsonBody() {
    }

    /** The parsed body; null for an empty one. */
    static JsonNode read(Context ctx) {
        try {
            return Json.mapper().readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new InvalidFieldException("body", "请求格式错误", "The request is not valid JSON");
        }
    }

    /** The field {@code name} of the body, or null if the body is not an object or lacks it. */
    static JsonNode field(Context ctx, String name) {
        JsonNode json = read(ctx);
        return json == null ? null : json.get(name);
    }
}
