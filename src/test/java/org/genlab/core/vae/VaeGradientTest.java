package org.genlab.core.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.genlab.core.math.Rng;
import org.genlab.core.nn.Activation;
import org.genlab.core.nn.Mlp;
import org.genlab.core.nn.ReferenceMlp;
import org.junit.jupiter.api.Test;

/**
 * The VAE loss's gradients: the engine's (float, what the trainer steps with) against central
 * finite differences of −ELBO computed in double on {@link ReferenceMlp} twins of the same
 * networks at the same fixed ε, for each likelihood; and the closed-form KL against Monte Carlo.
 */
class VaeGradientTest {
    private static final int DIM = 5, LATENT = 2, ROWS = 4;

    /** −ELBO of the batch in double, with the trainer's formula, on reference networks. */
    private static double loss(ReferenceMlp enc, ReferenceMlp dec, float[] x, double[] w, double[] eps, VaeSettings s) {
        DMatrixRMaj xd = new DMatrixRMaj(ROWS, DIM);
        for (int i = 0; i < x.length; i++) {
            xd.data[i] = x[i];
        }
        double[] h = enc.forward(xd).data;
        double[] z = new double[ROWS * LATENT];
        for (int r = 0; r < ROWS; r++) {
            VaeLoss.reparameterize(h, r * 2 * LATENT, eps, r * LATENT, LATENT, z);
        }
        double[] out = dec.forward(DMatrixRMaj.wrap(ROWS, LATENT, z)).data;
        int outs = s.likelihood().decoderOutputs(DIM);
        double wsum = 0, total = 0;
        for (double v : w) {
            wsum += v;
        }
        for (int r = 0; r < ROWS; r++) {
            double rec = VaeLoss.reconstruction(s.likelihood(), s.variance(), out, r * outs, x, r * DIM, DIM, null, 0);
            total += w[r] / wsum * (rec + s.beta() * VaeLoss.kl(h, r * 2 * LATENT, LATENT));
        }
        return total;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private void check(Likelihood lik, boolean unitInterval, double beta) {
        Rng rng = new Rng(11);
        float[] x = new float[ROWS * DIM];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (unitInterval ? rng.nextDouble() : rng.gaussian(0, 1));
        }
        VaeData data = VaeData.owning("t", DIM, x.clone(), null);
        VaeSettings s = VaeSettings.IMAGES.withLikelihood(lik).withNetwork(6, 1).withActivation(Activation.TANH).withBeta(beta)
                .withVariance(0.5).withLatent(LATENT);
        VaeTrainer t = new VaeTrainer(data, s);
        double[] w = {1, 2, 0.5, 1.5};
        double[] eps = new double[ROWS * LATENT];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = rng.nextGaussian();
        }
        ElboTerms terms = t.lossAndGradients(FMatrixRMaj.wrap(ROWS, DIM, x.clone()), w, eps);
        Mlp encNet = t.encoderNetwork(), decNet = t.decoderNetwork();
        ReferenceMlp enc = ReferenceMlp.of(encNet), dec = ReferenceMlp.of(decNet);
        assertThat(loss(enc, dec, x, w, eps, s)).isCloseTo(terms.negElbo(), within(1e-5 * Math.abs(terms.negElbo())));

        double[][] engine = {widen(t.encoderGradients()), widen(t.decoderGradients())};
        ReferenceMlp[] nets = {enc, dec};
        double h = 1e-5;
        for (int k = 0; k < 2; k++) {
            double[] p = nets[k].parameters();
            double[] fd = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + h;
                nets[k].setParameters(p);
                double up = loss(enc, dec, x, w, eps, s);
                p[i] = keep - h;
                nets[k].setParameters(p);
                double down = loss(enc, dec, x, w, eps, s);
                p[i] = keep;
                nets[k].setParameters(p);
                // central difference, error O(h^2)
                fd[i] = (up - down) / (2 * h);
            }
            double norm = 0, err = 0, max = 0;
            for (int i = 0; i < p.length; i++) {
                norm += fd[i] * fd[i];
                err += (engine[k][i] - fd[i]) * (engine[k][i] - fd[i]);
                max = Math.max(max, Math.abs(fd[i]));
            }
            String which = lik.id() + (k == 0 ? " encoder" : " decoder");
            assertThat(Math.sqrt(norm)).as(which + " gradient norm").isGreaterThan(1e-2);
            // float engine vs double differences: relative error of the whole gradient under 1e-4, each entry within 1e-4 of the largest
            assertThat(Math.sqrt(err / norm)).as(which + " relative error").isLessThan(1e-4);
            for (int i = 0; i < p.length; i++) {
                assertThat(engine[k][i]).as(which + " parameter " + i).isCloseTo(fd[i], within(1e-4 * max + 1e-4 * Math.abs(fd[i])));
            }
        }
    }

    @Test
    void bernoulliGradientsMatchFiniteDifferences() {
        check(Likelihood.BERNOULLI, true, 1);
    }

    @Test
    void gaussianFixedVarianceGradientsMatchFiniteDifferences() {
        check(Likelihood.GAUSSIAN, false, 1);
    }

    @Test
    void gaussianLearnedVarianceGradientsMatchFiniteDifferencesAlsoWithBeta() {
        check(Likelihood.GAUSSIAN_LEARNED, false, 1);
        check(Likelihood.GAUSSIAN_LEARNED, false, 3.5);
        check(Likelihood.BERNOULLI, true, 0);
    }

    @Test
    void closedFormKlMatchesMonteCarlo() {
        double[] h = {0.7, -1.2, 0.3, Math.log(0.4), Math.log(2.5), Math.log(1.0)};
        int latent = 3, m = 400_000;
        Rng rng = new Rng(5);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < m; i++) {
            // log q(z) - log p(z) at z ~ q
            double d = 0;
            for (int j = 0; j < latent; j++) {
                double mu = h[j], lv = h[latent + j], e = rng.nextGaussian(), z = mu + Math.exp(0.5 * lv) * e;
                d += -0.5 * (lv + e * e) + 0.5 * z * z;
            }
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / m, se = Math.sqrt((sumSq / m - mean * mean) / m);
        double kl = VaeLoss.kl(h, 0, latent);
        assertThat(kl).isCloseTo(0.5 * (0.49 + 1.44 + 0.09 + 0.4 + 2.5 + 1.0 - 3 - Math.log(0.4) - Math.log(2.5)), within(1e-12));
        assertThat(mean).isCloseTo(kl, within(4 * se));
        assertThat(se).isLessThan(0.01);
    }

    @Test
    void reconstructionTermsAreTheNegativeLogLikelihoods() {
        double[] logits = {-3, 0.2, 5};
        float[] x = {0.1f, 1f, 0.6f};
        double direct = 0;
        for (int d = 0; d < 3; d++) {
            double p = 1 / (1 + Math.exp(-logits[d]));
            direct -= x[d] * Math.log(p) + (1 - x[d]) * Math.log(1 - p);
        }
        assertThat(VaeLoss.reconstruction(Likelihood.BERNOULLI, 1, logits, 0, x, 0, 3, null, 0)).isCloseTo(direct, within(1e-7));
        double[] out = {0.5, -1, 0.3, Math.log(0.2), 0.4, -8}; // means, then log-variances
        float[] y = {0.2f, -0.5f, 1.1f};
        double nll = 0;
        for (int d = 0; d < 3; d++) {
            double var = Math.exp(out[3 + d]), r = y[d] - out[d];
            nll -= -0.5 * Math.log(2 * Math.PI * var) - r * r / (2 * var);
        }
        assertThat(VaeLoss.reconstruction(Likelihood.GAUSSIAN_LEARNED, 1, out, 0, y, 0, 3, null, 0)).isCloseTo(nll, within(1e-9));
        // below the floor the log-variance counts as the floor
        double[] floored = {0, -30};
        assertThat(VaeLoss.reconstruction(Likelihood.GAUSSIAN_LEARNED, 1, floored, 0, new float[] {0}, 0, 1, null, 0))
                .isCloseTo(0.5 * (Math.log(2 * Math.PI) + Vae.LOG_VAR_FLOOR), within(1e-12));
    }
}
