/**
 * Who builds on whom: the graph of tracked images from enrollments and discoveries, their derived
 * roles (managed, base, both), direct and transitive dependents, build order for an impact, and
 * cycles refused with the images in them. Pure: no I/O, rebuilt each cycle.
 */
package io.jenkins.plugins.imagefactory.graph;
