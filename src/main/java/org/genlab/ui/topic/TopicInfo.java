package org.genlab.ui.topic;

import java.util.function.Function;
import org.genlab.core.param.ParamSet;

/**
 * What the registry knows of a pane before it is opened.
 *
 * @param id      the pane's stable name ({@code --pane ID})
 * @param title   the navigation label
 * @param summary one line under the label
 * @param params  the pane's declared parameters (lessons are checked against them without
 *                building the pane)
 * @param generatesQuizzes whether its lessons may ask quizzes with {@code choices: generated}
 * @param factory builds the pane (on the FX thread)
 */
public record TopicInfo(String id, String title, String summary, ParamSet params, boolean generatesQuizzes,
                        Function<TopicContext, Topic> factory) {
}
