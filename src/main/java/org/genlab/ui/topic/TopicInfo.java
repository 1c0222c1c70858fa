package org.genlab.ui.topic;

import java.util.function.Function;

/**
 * What the registry knows of a pane before it is opened.
 *
 * @param id      the pane's stable name ({@code --pane ID})
 * @param title   the navigation label
 * @param summary one line under the label
 * @param factory builds the pane (on the FX thread)
 */
public record TopicInfo(String id, String title, String summary, Function<TopicContext, Topic> factory) {
}
