package org.genlab.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;
import org.genlab.core.param.ParamSet;
import org.genlab.lesson.PaneCatalog;
import org.genlab.ui.data.DataTopic;
import org.genlab.ui.diffusion.DiffusionTopic;
import org.genlab.ui.em.EmTopic;
import org.genlab.ui.flow.FlowTopic;
import org.genlab.ui.topic.TopicInfo;
import org.genlab.ui.vae.VaeTopic;
import org.genlab.ui.zoo.ZooTopic;

/** The panes GenLab has, in navigation order. Adding a pane is one line here. */
public final class TopicRegistry {
    private static final List<TopicInfo> TOPICS = List.of(
            new TopicInfo("data", "Data", "Make and edit 2-D data", DataTopic.PARAMS, false, DataTopic::new),
            new TopicInfo("em", "EM", "Mixtures fitted by EM", EmTopic.PARAMS, true, EmTopic::new),
            new TopicInfo("diffusion", "Diffusion", "Noising two points", DiffusionTopic.PARAMS, false, DiffusionTopic::new),
            new TopicInfo("flow", "Flow matching", "Noise flowing onto data", FlowTopic.PARAMS, false, FlowTopic::new),
            new TopicInfo("vae", "VAE", "Latent models and the ELBO", VaeTopic.PARAMS, false, VaeTopic::new),
            new TopicInfo("zoo", "Model zoo", "Six density models side by side", ZooTopic.PARAMS, false, ZooTopic::new));

    private TopicRegistry() {
    }

    public static List<TopicInfo> all() {
        return TOPICS;
    }

    public static Optional<TopicInfo> byId(String id) {
        return TOPICS.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** What lessons may name: every pane and its parameters, in navigation order. */
    public static PaneCatalog catalog() {
        Map<String, ParamSet> panes = new LinkedHashMap<>();
        TOPICS.forEach(t -> panes.put(t.id(), t.params()));
        Set<String> generating = new java.util.HashSet<>();
        TOPICS.stream().filter(TopicInfo::generatesQuizzes).forEach(t -> generating.add(t.id()));
        return PaneCatalog.of(panes, generating);
    }

    /** "data, em, ..." for error messages. */
    public static String names() {
        return TOPICS.stream().map(TopicInfo::id).collect(Collectors.joining(", "));
    }
}
