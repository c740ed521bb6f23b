package io.jenkins.plugins.imagefactory.status;

/**
 * Escaping for HTML and SVG that hosts render on the server: every value from config, state or a
 * registry goes through here before it reaches a page.
 */
public final class Markup {

    private Markup() {
    }

    /** Text and attribute values alike (quotes included), so one function is safe everywhere; control characters become {@code ?}. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
