package io.jenkins.plugins.imagefactory.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import java.time.Instant;
import java.util.List;

/** Where the tags API (Req 12) gets an image's versions: the registry's own API behind it. */
@FunctionalInterface
public interface TagSource {

    /**
     * One page of tags, newest first where the registry gives dates.
     *
     * @throws TagSourceException the registry could not answer (the caller may serve a cached page)
     */
    TagPage tags(ImageReference repository, int page, int perPage) throws TagSourceException;

    /**
     * @param tags      this page
     * @param page      1-based page number
     * @param perPage   page size
     * @param hasNext   whether a further page exists
     * @param datesKnown whether {@code published} is filled (Docker Hub, GHCR) or unknown (generic OCI)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TagPage(List<TagInfo> tags, int page, int perPage, boolean hasNext, boolean datesKnown) {
        public TagPage {
            tags = List.copyOf(tags);
        }
    }

    /**
     * @param tag       tag name
     * @param digest    manifest or index digest, or {@code null}
     * @param size      compressed size in bytes, or {@code null}
     * @param published push time, or {@code null} where the registry does not say
     * @param reference copyable full reference with digest ({@code repo:tag@sha256:…}), or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TagInfo(String tag, String digest, Long size, Instant published, String reference) {
    }

    /** The registry failed to answer; the message names the registry and status, never a credential. */
    final class TagSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        public TagSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
