package org.gridstation.kiosk.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gridstation.protocol.Labelled;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;

/**
 * A walk-in request as a villager filed it at the kiosk, validated field by field.
 *
 * @param category what kind of problem
 * @param severity how serious (普通 normal by default on the page)
 * @param phone a call-back number, 5–20 digits (spaces and dashes are dropped)
 * @param note a short note, at most 500 characters
 * @param anonymous whether the villager asked not to be named
 */
public record RequestForm(Category category, Severity severity, Optional<String> phone, Optional<String> note,
        boolean anonymous) {
    private static final Pattern PHONE = Pattern.compile("[0-9]{5,20}");

    public RequestForm {
        if (category == null) {
            throw new InvalidFieldException("category", "请选择事项类别", "Please choose a category");
        }
        if (severity == null) {
            throw new InvalidFieldException("severity", "请选择紧急程度", "Please choose a severity");
        }
        phone = phone == null ? Optional.empty() : phone.map(p -> p.replaceAll("[\\s-]", "")).filter(p -> !p.isEmpty());
        if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
            throw new InvalidFieldException("phone", "电话号码应为5到20位数字", "Phone must be 5 to 20 digits");
        }
        note = note == null ? Optional.empty() : note.map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().codePointCount(0, note.get().length()) > WalkInRequest.MAX_NOTE) {
            throw new InvalidFieldException("note", "备注最多" + WalkInRequest.MAX_NOTE + "个字",
                    "Note must be at most " + WalkInRequest.MAX_NOTE + " characters");
        }
    }

    /**
     * Reads {@code {category, severity, phone?, note?, anonymous?}} with category and severity by
     * wire name (e.g. {@code dispute-mediation}, {@code urgent}).
     *
     * @throws InvalidFieldException naming the first missing or invalid field
     */
    public static RequestForm fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException("body", "请求格式错误", "The request must be a JSON object");
        }
        Category category = text(json, "category").map(c -> wire(Category.class, c, "category")).orElse(null);
        Severity severity = text(json, "severity").map(s -> wire(Severity.class, s, "severity")).orElse(null);
        JsonNode anonymous = json.get("anonymous");
        if (anonymous != null && !anonymous.isNull() && !anonymous.isBoolean()) {
            throw new InvalidFieldException("anonymous", "匿名选项格式错误", "anonymous must be true or false");
        }
        return new RequestForm(category, severity, text(json, "phone"), text(json, "note"),
                anonymous != null && anonymous.asBoolean(false));
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw invalid(field);
        }
        return Optional.of(n.asText()).filter(s -> !s.isBlank());
    }

    private static <E extends Enum<E> & Labelled> E wire(Class<E> type, String wire, String field) {
        try {
            return Labelled.fromWire(type, wire);
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
    }

    private static InvalidFieldException invalid(String field) {
        switch (field) {
            case "category":
                return new InvalidFieldException(field, "事项类别无效", "Unknown category");
            case "severity":
                return new InvalidFieldException(field, "紧急程度无效", "Unknown severity");
            case "phone":
                return new InvalidFieldException(field, "电话号码应为5到20位数字", "Phone must be 5 to 20 digits");
            default:
                return new InvalidFieldException(field, "字段格式错误：" + field, "Invalid field: " + field);
        }
    }
}
