using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Kullback-Leibler and Jensen-Shannon divergences, in nats (natural log):
/// KL(P‖Q) = Σ p log(p/q) (or ∫ p log(p/q) dx), JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M) with M = (P + Q)/2.
/// Conventions: 0·log(0/q) = 0 (outcomes P never produces cost nothing), and KL = +∞ when p &gt; 0 where q = 0
/// (Q calls impossible something P does). JS is always finite, symmetric, and at most log 2, reached exactly
/// when the supports are disjoint.
/// </summary>
/// <remarks>
/// Introduced in notebook 01.
/// Input checks. Discrete distributions must be non-negative, finite, of equal length and sum to 1 within
/// <see cref="SumTolerance"/>; they are NOT silently normalised: counts or weights give an
/// <see cref="ArgumentException"/> that points to <see cref="Normalize"/>. Densities sampled on a grid must be
/// non-negative and integrate (trapezoid rule) to 1 within <see cref="DensityTolerance"/>, which catches a grid
/// that misses part of the mass. The tensor overloads check shapes and signs only (they are meant for
/// autograd loops and skip the normalisation check).
/// </remarks>
public static class Divergence
{
    /// <summary>How far from 1 the sum of a discrete distribution may be.</summary>
    public const double SumTolerance = 1e-6;

    /// <summary>How far from 1 the integral of a density over the grid may be.</summary>
    public const double DensityTolerance = 1e-2;

    /// <summary>Counts or non-negative weights rescaled to sum to 1.</summary>
    public static double[] Normalize(double[] weights)
    {
        Require.NonNegative(weights, nameof(weights), "weights");
        double sum = 0;
        foreach (double w in weights) sum += w;
        if (!(sum > 0)) throw new ArgumentException("weights are all zero: at least one outcome needs positive weight.", nameof(weights));
        return weights.Select(w => w / sum).ToArray();
    }

    // ---------- discrete distributions ----------

    /// <summary>KL(P‖Q) = Σ_i p_i log(p_i / q_i) for discrete distributions (see the class remarks for the checks).</summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static double KL(double[] p, double[] q)
    {
        CheckDistributions(p, q);
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += KLTerm(p[i], q[i]);
        return sum;
    }

    /// <summary>JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2, for discrete distributions; between 0 and log 2.</summary>
    public static double JS(double[] p, double[] q)
    {
        CheckDistributions(p, q);
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += JSTerm(p[i], q[i]);
        return sum;
    }

    // ---------- densities on a grid ----------

    /// <summary>KL(P‖Q) = ∫ p log(p/q) dx for densities, integrated on <paramref name="grid"/> by the trapezoid rule.</summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static double KL(Func<double, double> p, Func<double, double> q, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        return KLOnGrid(grid.Evaluate(p), grid.Evaluate(q), grid.Dx);
    }

    /// <summary>JS(P, Q) for densities, integrated on <paramref name="grid"/> by the trapezoid rule.</summary>
    public static double JS(Func<double, double> p, Func<double, double> q, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        return JSOnGrid(grid.Evaluate(p), grid.Evaluate(q), grid.Dx);
    }

    /// <summary>KL(P‖Q) from density values sampled on an evenly spaced grid with spacing <paramref name="dx"/> (trapezoid rule).</summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static double KLOnGrid(double[] pValues, double[] qValues, double dx)
    {
        CheckDensities(pValues, qValues, dx);
        return Grid.Trapezoid(pValues.Zip(qValues, KLTerm).ToArray(), dx);
    }

    /// <summary>JS(P, Q) from density values sampled on an evenly spaced grid with spacing <paramref name="dx"/> (trapezoid rule).</summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static double JSOnGrid(double[] pValues, double[] qValues, double dx)
    {
        CheckDensities(pValues, qValues, dx);
        return Grid.Trapezoid(pValues.Zip(qValues, JSTerm).ToArray(), dx);
    }

    // ---------- closed form ----------

    /// <summary>
    /// KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½, in closed form.
    /// </summary>
    public static double KLGaussians(double mu1, double sigma1, double mu2, double sigma2)
    {
        Require.Finite(mu1, nameof(mu1));
        Require.Finite(mu2, nameof(mu2));
        Require.Positive(sigma1, nameof(sigma1));
        Require.Positive(sigma2, nameof(sigma2));
        double d = mu1 - mu2;
        return System.Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + d * d) / (2 * sigma2 * sigma2) - 0.5;
    }

    // ---------- Monte Carlo ----------

    /// <summary>
    /// KL(P‖Q) ≈ (1/n) Σ [log p(x_i) − log q(x_i)] with x_i drawn from P. Works for any sample type
    /// (double for 1-D, double[] for 2-D, ...). Unbiased; see <see cref="MonteCarloEstimate.StandardError"/>.
    /// </summary>
    public static MonteCarloEstimate KLMonteCarlo<T>(IReadOnlyList<T> samplesFromP, Func<T, double> logP, Func<T, double> logQ)
    {
        Require.NotEmpty(samplesFromP, nameof(samplesFromP));
        Require.NotNull(logP, nameof(logP));
        Require.NotNull(logQ, nameof(logQ));
        var terms = new double[samplesFromP.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            double lp = LogDensityOfOwnSample(logP, samplesFromP[i], i, nameof(samplesFromP), "logP");
            double lq = LogDensity(logQ, samplesFromP[i], i, nameof(samplesFromP), "logQ");
            terms[i] = lp - lq;
        }
        return MonteCarloEstimate.FromValues(terms);
    }

    /// <summary>
    /// JS(P, Q) ≈ ½ mean_{x~P}[log p(x) − log m(x)] + ½ mean_{y~Q}[log q(y) − log m(y)], m = (p + q)/2,
    /// from samples of both distributions (the two halves' standard errors are combined).
    /// </summary>
    public static MonteCarloEstimate JSMonteCarlo<T>(
        IReadOnlyList<T> samplesFromP, IReadOnlyList<T> samplesFromQ, Func<T, double> logP, Func<T, double> logQ)
    {
        Require.NotEmpty(samplesFromP, nameof(samplesFromP));
        Require.NotEmpty(samplesFromQ, nameof(samplesFromQ));
        Require.NotNull(logP, nameof(logP));
        Require.NotNull(logQ, nameof(logQ));
        var fromP = new double[samplesFromP.Count];
        for (int i = 0; i < fromP.Length; i++)
        {
            double lp = LogDensityOfOwnSample(logP, samplesFromP[i], i, nameof(samplesFromP), "logP");
            double lq = LogDensity(logQ, samplesFromP[i], i, nameof(samplesFromP), "logQ");
            fromP[i] = lp - LogMixture(lp, lq);
        }
        var fromQ = new double[samplesFromQ.Count];
        for (int i = 0; i < fromQ.Length; i++)
        {
            double lq = LogDensityOfOwnSample(logQ, samplesFromQ[i], i, nameof(samplesFromQ), "logQ");
            double lp = LogDensity(logP, samplesFromQ[i], i, nameof(samplesFromQ), "logP");
            fromQ[i] = lq - LogMixture(lp, lq);
        }
        var a = MonteCarloEstimate.FromValues(fromP);
        var b = MonteCarloEstimate.FromValues(fromQ);
        double se = 0.5 * System.Math.Sqrt(a.StandardError * a.StandardError + b.StandardError * b.StandardError);
        return new MonteCarloEstimate(0.5 * (a.Value + b.Value), se, fromP.Length + fromQ.Length);
    }

    // ---------- tensors (differentiable) ----------

    /// <summary>
    /// KL(P‖Q) = Σ p log(p/q) over the last dimension of probability tensors (a batch of distributions gives a batch of
    /// values). Differentiable; shapes and signs are checked, normalisation is not.
    /// </summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static Tensor KL(Tensor p, Tensor q)
    {
        CheckTensors(p, q);
        return KLIntegrand(p, q).sum(-1);
    }

    /// <summary>JS(P, Q) over the last dimension of probability tensors. Differentiable; shapes and signs are checked, normalisation is not.</summary>
    public static Tensor JS(Tensor p, Tensor q)
    {
        CheckTensors(p, q);
        return JSIntegrand(p, q).sum(-1);
    }

    /// <summary>
    /// KL(P‖Q) = ∫ p log(p/q) dx from densities sampled along the last dimension with spacing <paramref name="dx"/>
    /// (trapezoid rule). Differentiable, e.g. to fit a Gaussian q(μ, σ) to p by gradient descent; use float64.
    /// </summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static Tensor KLOnGrid(Tensor pValues, Tensor qValues, double dx)
    {
        CheckTensors(pValues, qValues);
        Require.Positive(dx, nameof(dx));
        return trapezoid(KLIntegrand(pValues, qValues), dx);
    }

    /// <summary>JS(P, Q) from densities sampled along the last dimension with spacing <paramref name="dx"/> (trapezoid rule). Differentiable.</summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static Tensor JSOnGrid(Tensor pValues, Tensor qValues, double dx)
    {
        CheckTensors(pValues, qValues);
        Require.Positive(dx, nameof(dx));
        return trapezoid(JSIntegrand(pValues, qValues), dx);
    }

    // ---------- pieces ----------

    /// <summary>p log(p/q) with 0·log(0/q) = 0 and +∞ where p &gt; 0 = q.</summary>
    private static double KLTerm(double p, double q) =>
        p == 0 ? 0 : q == 0 ? double.PositiveInfinity : p * (System.Math.Log(p) - System.Math.Log(q));

    /// <summary>
    /// ½ p log(p/m) + ½ q log(q/m), m = (p + q)/2, written as ½ p (log 2 + log p − log(p + q)) + ... so that m never
    /// underflows to 0 beside a tiny positive p (which would give a false +∞); finite everywhere.
    /// </summary>
    private static double JSTerm(double p, double q)
    {
        double logS = System.Math.Log(p + q);
        double a = p == 0 ? 0 : p * (Ln2 + System.Math.Log(p) - logS);
        double b = q == 0 ? 0 : q * (Ln2 + System.Math.Log(q) - logS);
        return 0.5 * (a + b);
    }

    private static readonly double Ln2 = System.Math.Log(2);

    private static Tensor KLIntegrand(Tensor p, Tensor q) => xlogy(p, p) - xlogy(p, q);

    /// <summary>½ p log(2p/(p + q)) + ½ q log(2q/(p + q)), with the same care as <see cref="JSTerm"/>.</summary>
    private static Tensor JSIntegrand(Tensor p, Tensor q)
    {
        var s = p + q;
        return 0.5 * (xlogy(p, p) - xlogy(p, s) + Ln2 * p + xlogy(q, q) - xlogy(q, s) + Ln2 * q);
    }

    /// <summary>log((p + q)/2) from log p and log q, exact when either is −∞.</summary>
    private static double LogMixture(double lp, double lq)
    {
        double hi = System.Math.Max(lp, lq), lo = System.Math.Min(lp, lq);
        return hi + System.Math.Log(1 + System.Math.Exp(lo - hi)) - System.Math.Log(2);
    }

    private static double LogDensity<T>(Func<T, double> log, T x, int i, string samples, string name)
    {
        double v = log(x);
        if (double.IsNaN(v) || double.IsPositiveInfinity(v))
            throw new ArgumentException($"{name}({samples}[{i}]) = {Require.Show(v)}: a log-density must be a number or −∞. Check {name}.", name);
        return v;
    }

    private static double LogDensityOfOwnSample<T>(Func<T, double> log, T x, int i, string samples, string name)
    {
        double v = LogDensity(log, x, i, samples, name);
        if (double.IsNegativeInfinity(v))
            throw new ArgumentException(
                $"{name}({samples}[{i}]) = −∞: that sample is impossible under its own distribution, so either {samples} " +
                $"was not drawn from it or {name} is wrong.", samples);
        return v;
    }

    private static void CheckDistributions(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        Require.SameLength(p, nameof(p), q, nameof(q));
        Require.Distribution(p, nameof(p), SumTolerance);
        Require.Distribution(q, nameof(q), SumTolerance);
    }

    private static void CheckDensities(IReadOnlyList<double> pValues, IReadOnlyList<double> qValues, double dx)
    {
        Require.Positive(dx, nameof(dx));
        Require.SameLength(pValues, nameof(pValues), qValues, nameof(qValues));
        Require.Density(pValues, dx, nameof(pValues), DensityTolerance);
        Require.Density(qValues, dx, nameof(qValues), DensityTolerance);
    }

    private static void CheckTensors(Tensor p, Tensor q)
    {
        Require.Scores(p, nameof(p));
        Require.Scores(q, nameof(q));
        Require.SameShape(p, nameof(p), q, nameof(q));
        Require.NoNegativeEntries(p, nameof(p));
        Require.NoNegativeEntries(q, nameof(q));
    }
}
