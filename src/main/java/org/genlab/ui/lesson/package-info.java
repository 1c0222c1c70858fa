/**
 * The lesson side of the UI: {@link org.genlab.ui.lesson.LessonTextView} draws a lesson's
 * Markdown with rendered LaTeX.
 */
package org.genlab.ui.lesson;
