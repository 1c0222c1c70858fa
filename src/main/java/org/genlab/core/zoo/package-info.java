/**
 * The model zoo (the homework's questions 1 and 2): six density models fitted to one 2-D data
 * set, each able to evaluate (or bound, or estimate) log p(x) and to draw samples by its own
 * procedure, and logistic regression read as a sampler of labels.
 *
 * <p>Every model is a {@link org.genlab.core.zoo.ZooModel}, fitted by
 * {@link org.genlab.core.zoo.ZooKind#fit} and saved by {@link org.genlab.core.zoo.ZooFile}.
 * No JavaFX here: the pane and the command line both drive these classes.
 */
package org.genlab.core.zoo;
