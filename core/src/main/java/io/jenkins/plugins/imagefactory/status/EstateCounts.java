package io.jenkins.plugins.imagefactory.status;

import io.jenkins.plugins.imagefactory.status.StatusView.ImageRow;
import java.util.List;

/**
 * How many tracked images stand where, over the whole estate (not one page of it): what a
 * dashboard says above its table, so a page of 100 rows never reads as "100 images".
 *
 * @param images   every tracked image
 * @param enrolled images built here (the rest are bases only)
 * @param ok       up to date
 * @param pending  with a rebuild waiting or due
 * @param running  being built
 * @param failing  with an error, a failed build or dispatch, an open breaker, or blocked
 */
public record EstateCounts(int images, int enrolled, int ok, int pending, int running, int failing) {

    /** Counts {@code rows} by {@link ImageRow#standing()}, in one pass. */
    public static EstateCounts of(List<ImageRow> rows) {
        int enrolled = 0;
        int ok = 0;
        int pending = 0;
        int running = 0;
        int failing = 0;
        for (ImageRow row : rows) {
            if (row.enrollment() != null) {
                enrolled++;
            }
            switch (row.standing()) {
                case ImageRow.OK -> ok++;
                case ImageRow.PENDING -> pending++;
                case ImageRow.RUNNING -> running++;
                case ImageRow.FAILING -> failing++;
                default -> {
                    // a base not built here: counted among the images only
                }
            }
        }
        return new EstateCounts(rows.size(), enrolled, ok, pending, running, failing);
    }

    /** Tracked images nothing here builds. */
    public int basesOnly() {
        return images - enrolled;
    }
}
