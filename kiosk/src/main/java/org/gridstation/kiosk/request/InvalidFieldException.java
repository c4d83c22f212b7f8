package org.gridstation.kiosk.request;

/** A request form field is missing or invalid. The web layer answers 400 naming {@link #field()}. */
public class InvalidFieldException extends RuntimeException {
    private final String field;
    private final String zh;
    private final String en;

    public InvalidFieldException(String field, String zh, String en) {
        super(field + ": " + en);
        this.field = field;
        this.zh = zh;
        this.en = en;
    }

    /** The field's JSON name, e.g. {@code category}. */
    public String field() {
        return field;
    }

    /** The message in {@code lang} ({@code en…} for English, anything else zh-CN). */
    public String label(String lang) {
        return lang != null && lang.startsWith("en") ? en : zh;
    }
}
