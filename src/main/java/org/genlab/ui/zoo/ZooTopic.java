package org.genlab.ui.zoo;

import java.util.List;
import org.genlab.core.data.Dataset2D;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.topic.MultiViewTopic;
import org.genlab.ui.topic.TopicContext;

/**
 * The model zoo (homework questions 1 and 2): six density models fitted to one data set side by
 * side, and logistic regression read as a sampler of labels, in three views over one form.
 */
public final class ZooTopic extends MultiViewTopic {
    /** The pane's declared parameters (see {@link ZooParams}). */
    public static final ParamSet PARAMS = ZooParams.PARAMS;

    public ZooTopic(TopicContext context) {
        super(PARAMS);
        start("QUESTIONS 1 AND 2", List.of(new ModelsView(context, form, message::set), new LogisticView(context, form, message::set),
                new Logistic2dView(context, form, message::set)), "Questions 1 and 2: six density models, and logistic regression");
    }

    @Override
    protected boolean belongsTo(String param, String view) {
        return ZooParams.belongsTo(param, view);
    }

    @Override
    public String id() {
        return "zoo";
    }

    @Override
    public String title() {
        return "Model zoo";
    }

    @Override
    public String description() {
        return "Six density models fitted to one data set (question 1), and logistic regression as a sampler (question 2).\n\n"
                + "models: a kernel density estimator, an autoregressive model, a Gaussian mixture, a normalizing flow, a VAE and a "
                + "diffusion model, each on a card with its density (exact, a lower bound, or an estimate), samples drawn by its own "
                + "procedure and, with Trace a sample, one draw stage by stage (Right: the next). Click a card to enlarge it. The table "
                + "below scores every model on the same held-out points.\n\n"
                + "logistic: fit σ(w x + b) to n labels on x = (1) and watch q = σ(w + b) reach the proportion p; draw labels by u < q.\n\n"
                + "logistic-2d: the same on labelled points in the plane: the probability surface σ(wᵀx + b) and labels sampled from it.";
    }

    /** The data pane's points become the data set the six models are fitted to. */
    @Override
    public boolean useData(Dataset2D data) {
        return ((ModelsView) switchTo("models")).useData(data);
    }
}
