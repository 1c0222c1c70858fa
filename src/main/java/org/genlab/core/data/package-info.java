/**
 * Two-dimensional training data: the immutable weighted {@link org.genlab.core.data.Dataset2D},
 * the reproducible built-in {@link org.genlab.core.data.Preset}s, and CSV import/export with
 * {@link org.genlab.core.data.DataCsv} (errors as positioned
 * {@link org.genlab.core.data.DataFormatException}s).
 *
 * <p>No UI code here: this package must not depend on JavaFX. All randomness comes from an
 * explicitly passed or seeded {@link org.genlab.core.math.Rng}.
 */
package org.genlab.core.data;
