package org.genlab.app;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.genlab.ui.data.DataTopic;
import org.genlab.ui.topic.TopicInfo;

/** The panes GenLab has, in navigation order. Adding a pane is one line here. */
public final class TopicRegistry {
    private static final List<TopicInfo> TOPICS = List.of(
            new TopicInfo("data", "Data", "Make and edit 2-D data sets", DataTopic::new));

    private TopicRegistry() {
    }

    public static List<TopicInfo> all() {
        return TOPICS;
    }

    public static Optional<TopicInfo> byId(String id) {
        return TOPICS.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** "data, em, ..." for error messages. */
    public static String names() {
        return TOPICS.stream().map(TopicInfo::id).collect(Collectors.joining(", "));
    }
}
