package io.jenkins.plugins.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The comma-separated fields of a {@code --mount} value, read as BuildKit reads them (Go's CSV
 * rules for one record): a field starting with {@code "} is quoted and {@code ""} in it is one
 * quote; a quote anywhere else, or text after a closing quote, is an error; so is an empty value.
 */
final class CsvFields {

    private CsvFields() {
    }

    /** @throws IllegalArgumentException saying what is wrong and at which character */
    static List<String> parse(String text) {
        String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (line.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= line.length() || line.charAt(pos) != '"') {
                int comma = line.indexOf(',', pos);
                String field = comma < 0 ? line.substring(pos) : line.substring(pos, comma);
                int quote = field.indexOf('"');
                if (quote >= 0) {
                    throw new IllegalArgumentException("bare \" in non-quoted field at character " + (pos + quote + 1));
                }
                fields.add(field);
                if (comma < 0) {
                    return fields;
                }
                pos = comma + 1;
                continue;
            }
            StringBuilder field = new StringBuilder();
            int open = pos;
            pos++;
            while (true) {
                int quote = line.indexOf('"', pos);
                if (quote < 0) {
                    throw new IllegalArgumentException("quoted field starting at character " + (open + 1) + " is not closed");
                }
                field.append(line, pos, quote);
                pos = quote + 1;
                if (pos < line.length() && line.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            fields.add(field.toString());
            if (pos >= line.length()) {
                return fields;
            }
            if (line.charAt(pos) != ',') {
                throw new IllegalArgumentException("extraneous or missing \" in quoted field at character " + pos);
            }
            pos++;
        }
    }
}
