package io.jenkins.plugins.imagefactory.dockerfile;

/**
 * One instruction after joining continuations and setting heredoc bodies aside.
 *
 * @param keyword   instruction keyword in upper case ({@code FROM}, {@code RUN}, ...)
 * @param arguments everything after the keyword, continuations joined
 * @param line      1-based line the instruction starts on
 */
record LogicalLine(String keyword, String arguments, int line) {
}
