package io.jenkins.plugins.imagefactory.jenkins;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Registries and GitHub cannot fetch a crumb; webhook deliveries prove who sent them with their own
 * signature or secret (checked in core), so the webhook path, and only it, skips the crumb check.
 */
@Extension
public final class ImageFactoryCrumbExclusion extends CrumbExclusion {

    static final String PREFIX = "/" + ImageFactoryWebhook.URL_NAME + "/";

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && path.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
