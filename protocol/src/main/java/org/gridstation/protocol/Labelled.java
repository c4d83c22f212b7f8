package org.gridstation.protocol;

/** A value with a wire name and the words a villager or volunteer reads, zh-CN first. */
public interface Labelled {
    /** The name used on the wire and in URLs. */
    String wire();

    /** The label in Simplified Chinese, the default language. */
    String zh();

    /** The label in English. */
    String en();

    /** The label in the language of {@code lang} ({@code en…} for English, anything else zh-CN). */
    default String label(String lang) {
        return lang != null && lang.startsWith("en") ? en() : zh();
    }

    /** The constant of {@code type} whose wire name is {@code wire}. */
    static <E extends Enum<E> & Labelled> E fromWire(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'");
    }
}
