package io.jenkins.plugins.imagefactory.jenkins;

import hudson.model.ModelObject;
import io.jenkins.plugins.imagefactory.git.GitStoreException;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.InvalidReferenceException;
import io.jenkins.plugins.imagefactory.status.Links;
import io.jenkins.plugins.imagefactory.status.StatusText;
import io.jenkins.plugins.imagefactory.status.StatusView.ImageDetail;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code /image-factory/image/{name}}: one image's row, state, digest history and builds, with a rebuild form. */
public final class ImagePage implements ModelObject {

    private final ImageDetail detail;
    private final String picture;

    /** @param picture the image among its bases and dependents, as SVG markup, or null when too large */
    ImagePage(ImageDetail detail, String picture) {
        this.detail = detail;
        this.picture = picture;
    }

    public String getPicture() {
        return picture;
    }

    public String getDigestText() {
        return StatusText.digest(detail.summary());
    }

    public String getLastBuildText() {
        return StatusText.lastBuild(detail.summary());
    }

    /** Every reason the image is failing, in core's words; empty when it is not. */
    public java.util.List<String> getProblems() {
        return StatusText.problems(detail.summary());
    }

    /** Whether {@code digest} is the one the image has now, to mark it in the history. */
    public boolean isCurrent(String digest) {
        return digest != null && digest.equals(detail.summary().digest());
    }

    public ImageDetail getDetail() {
        return detail;
    }

    @Override
    public String getDisplayName() {
        return detail.summary().enrollment() != null ? detail.summary().enrollment() : detail.summary().ref();
    }

    public boolean isManaged() {
        return detail.summary().enrollment() != null;
    }

    /** For the Jelly view: the URL when it may be a link (see {@link Links}), else {@code null}. */
    public String safeHref(String url) {
        return Links.safeHref(url);
    }

    public boolean isRebuildAllowed() {
        return Jenkins.get().hasPermission(ImageFactoryPermissions.REBUILD);
    }

    /** The dashboard's rebuild form; the JSON route is {@code POST /image-factory/api/v1/images/{name}/rebuild}. */
    @POST
    public HttpResponse doRebuild(@QueryParameter boolean urgent, @QueryParameter String reason,
                                  @QueryParameter String base) {
        Jenkins.get().checkPermission(ImageFactoryPermissions.REBUILD);
        String enrollment = detail.summary().enrollment();
        if (enrollment == null) {
            return HttpResponses.errorWithoutStack(409, detail.summary().ref() + " is not enrolled; only managed images are rebuilt");
        }
        String cleanReason = reason == null || reason.isBlank() ? null : reason.trim();
        String baseRef;
        try {
            baseRef = base == null || base.isBlank() ? null : ImageReference.parse(base.trim()).canonical();
        } catch (InvalidReferenceException e) {
            return HttpResponses.errorWithoutStack(400, "Base is not an image reference: " + e.getMessage());
        }
        String actor = "jenkins:" + Jenkins.getAuthentication2().getName();
        ImageFactoryService service = ImageFactoryService.get();
        try {
            service.requestRebuild(enrollment, urgent, cleanReason, baseRef, actor);
        } catch (IllegalArgumentException e) {
            // e.g. urgent without a reason: ManualActions says what is missing
            return HttpResponses.errorWithoutStack(400, e.getMessage());
        } catch (GitStoreException e) {
            return HttpResponses.errorWithoutStack(502, "Could not record the rebuild request in the config repo: "
                    + e.getMessage());
        }
        service.requestSync(actor + ":rebuild " + enrollment);
        return HttpResponses.redirectToDot();
    }
}
