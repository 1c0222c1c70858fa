/**
 * Lessons: Markdown files with YAML front matter whose level-2 sections are steps; a fenced
 * {@code genlab} block sets the pane's declared parameters for a step and fenced {@code quiz}
 * blocks ask questions. This package reads and checks lesson files ({@link
 * org.genlab.lesson.LessonLoader}), holds the quiz logic ({@link org.genlab.lesson.QuizSession})
 * and the per-user progress ({@link org.genlab.lesson.LessonProgress}), and renders LaTeX to
 * images ({@link org.genlab.lesson.MathRenderer}). It imports no JavaFX; the reference of the
 * file format is {@code docs/lesson-format.md}.
 */
package org.genlab.lesson;
