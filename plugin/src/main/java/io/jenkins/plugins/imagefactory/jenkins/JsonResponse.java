package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.api.ApiResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** A core {@link ApiResponse} written through Stapler, so both hosts answer byte for byte alike. */
record JsonResponse(ApiResponse response) implements HttpResponse {

    static JsonResponse error(int status, String message) {
        return new JsonResponse(ApiResponse.error(status, message));
    }

    static JsonResponse of(int status, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return new JsonResponse(ApiResponse.json(status, body));
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(response.status());
        response.headers().forEach(rsp::setHeader);
        rsp.setContentType(response.contentType());
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        if (!"HEAD".equals(req.getMethod())) {
            rsp.getOutputStream().write(response.body());
        }
    }
}
