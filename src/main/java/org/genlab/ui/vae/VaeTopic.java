package org.genlab.ui.vae;

import java.util.List;
import org.genlab.core.param.ParamSet;
import org.genlab.ui.topic.MultiViewTopic;
import org.genlab.ui.topic.TopicContext;

/**
 * The VAE pane, part 1 (homework question 3): the mechanics under a latent-variable model, in
 * four views: inverse-CDF latent models (b i-iii), the naive Monte-Carlo likelihood and why it
 * fails in high dimension (b iv-vii), the ELBO and the KL to the posterior (c), and the
 * reparameterization trick with a gradient check of the printed formulas (d). One parameter
 * form serves all four; it shows the controls of the view on screen.
 */
public final class VaeTopic extends MultiViewTopic {
    /** The pane's declared parameters (see {@link VaeParams}). */
    public static final ParamSet PARAMS = VaeParams.PARAMS;

    public VaeTopic(TopicContext context) {
        super(PARAMS);
        start("QUESTION 3", List.of(new InverseCdfView(context, form, message::set), new McView(context, form, message::set),
                new ElboView(context, form, message::set), new ReparamView(context, form, message::set),
                new LatentView(context, form, message::set)), "Question 3: latent-variable models");
    }

    @Override
    protected boolean belongsTo(String param, String view) {
        return VaeParams.belongsTo(param, view);
    }

    @Override
    public String id() {
        return "vae";
    }

    @Override
    public String title() {
        return "VAE";
    }

    @Override
    public String description() {
        return "Latent-variable models and the VAE (question 3). Choose a View:\n\n"
                + "invcdf: push a latent z through a choice of p(x | z) and see whether the histogram of x reproduces the "
                + "target p(x) (b i-iii). Space plays the draws.\n\n"
                + "mc: estimate log p(x) by averaging p(x | z) over z from the prior, and watch the weights and the "
                + "effective sample size collapse as the dimension grows (b iv-vii).\n\n"
                + "elbo: drag q(z | x) on the latent axis and see log p(x) = ELBO + KL(q ‖ p(z | x)) (c).\n\n"
                + "reparam: two gradient estimators of E_q[f(z)], and a check of the printed VAE gradients (d).\n\n"
                + "latent: a VAE trained on images of shapes (or on 2-D points): its latent space coloured by a known "
                + "factor, decodings under the pointer and between two picked items, and live training with β.";
    }

    /** The data pane's points become the latent view's data set (2-D points, Gaussian decoder). */
    @Override
    public boolean useData(org.genlab.core.data.Dataset2D data) {
        if (data.isEmpty()) {
            message.set("The data set is empty: the VAE pane keeps its data.");
            return true;
        }
        return ((LatentView) switchTo("latent")).useData(data);
    }
}
