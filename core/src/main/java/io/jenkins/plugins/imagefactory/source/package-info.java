/**
 * Reading Dockerfiles from git: one shallow fetch per repository and branch into kept mirrors, the
 * commit each file came from (so unchanged sources are not re-read), credentials by URL prefix, and
 * per-request failures worded for people. A host may refuse repositories on its own disk and route
 * through its proxy. Parsing the files is {@code dockerfile}'s.
 */
package io.jenkins.plugins.imagefactory.source;
