package io.jenkins.plugins.imagefactory.jenkins;

import io.jenkins.plugins.imagefactory.state.StateMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** A JSON answer written with the core's mapper, so field names are the core records' own (as in {@code serve}). */
record JsonResponse(int status, Object body) implements HttpResponse {

    static JsonResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new JsonResponse(status, body);
    }

    static JsonResponse of(int status, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return new JsonResponse(status, body);
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getOutputStream().write(StateMapper.json().writeValueAsBytes(body));
    }
}
