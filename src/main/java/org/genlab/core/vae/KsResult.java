package org.genlab.core.vae;

/**
 * A one-sample Kolmogorov-Smirnov test of samples against a target's CDF.
 *
 * @param statistic D = sup_x |F_n(x) − F(x)|
 * @param pValue the probability of a D at least this large if the samples came from the target
 * @param n the number of samples tested
 */
public record KsResult(double statistic, double pValue, int n) {
}
