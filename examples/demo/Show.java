import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints a page of the demo's image list from {@code GET /api/v1/images} on stdin, one line per image (no JSON library needed). */
public final class Show {
    public static void main(String[] args) throws IOException {
        String json = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        Matcher row = Pattern.compile("\\{\"ref\":\"([^\"]+)\",\"role\":\"([^\"]+)\"(.*?)(?=,\\{\"ref\"|\\],\"page\")").matcher(json);
        while (row.find()) {
            String rest = row.group(3);
            System.out.printf("   %-46s %-13s %-22s %s%n", row.group(1), row.group(2), field(rest, "digest", 19),
                    field(rest, "rebuildStatus", 40));
        }
    }

    private static String field(String text, String name, int width) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            return "";
        }
        String value = m.group(1);
        return value.length() > width ? value.substring(0, width) + "…" : value;
    }
}
