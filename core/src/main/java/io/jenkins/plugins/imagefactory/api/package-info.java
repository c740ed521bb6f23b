/**
 * The JSON API, transport-free: read routes (images, an image, its tags and runs), write routes
 * (rebuild, re-run, build results), paging and path decoding. A host mounts them behind its HTTP
 * server and supplies the engine ({@link io.jenkins.plugins.imagefactory.api.ApiEngine}) and its
 * access rules ({@link io.jenkins.plugins.imagefactory.api.WriteAccess},
 * {@link io.jenkins.plugins.imagefactory.api.ReadAccess}); the routes decide nothing about who.
 */
package io.jenkins.plugins.imagefactory.api;
