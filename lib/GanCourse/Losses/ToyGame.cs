using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Notebook 05's toy GAN as one call, so an experiment can repeat it over losses, player strengths and seeds: a
/// <see cref="ToyGenerator"/> (noise z ~ N(0, 1)) and a <see cref="ToyDiscriminator"/> on a 1-D p_data, optionally D
/// pre-trained alone, then rounds of k_D discriminator steps and k_G generator steps with plain SGD, each player with its
/// own learning rate. It records what <see cref="ToyGameRun"/> describes.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class ToyGame
{
    const double TopFraction = 0.05;

    /// <summary>
    /// Trains one game from <paramref name="seed"/>: the same seed gives the same initial networks, batches and result. It
    /// reseeds torch's global generator (<see cref="Course.Reseed"/>) to initialise the networks.
    /// </summary>
    public static ToyGameRun Train(ToyGameOptions options, int seed)
    {
        Require.NotNull(options, nameof(options));
        options.Validate();
        Course.Reseed(seed);
        var rng = new Generator((ulong)seed);
        var data = options.Data.SampleTensor(20_000, seed);
        var g = new ToyGenerator(zDim: 1, outDim: 1, hidden: options.Hidden);
        var d = new ToyDiscriminator(inDim: 1, hidden: options.Hidden);
        var evaluationNoise = randn(options.EvaluationSamples, 1, generator: new Generator((ulong)seed + 1_000));
        var evaluationData = options.Data.Sample(options.EvaluationSamples, seed + 2_000);
        try
        {
            Tensor RealBatch() => data.index_select(0, randint(0, data.shape[0], options.Batch, generator: rng));
            Tensor FakeBatch() => g.forward(randn(options.Batch, 1, generator: rng));
            void DiscriminatorStep(optim.Optimizer optimizer)
            {
                using var scope = NewDisposeScope();
                var loss = options.Loss.Discriminator(d.forward(RealBatch()), d.forward(FakeBatch().detach()));
                optimizer.zero_grad(); loss.backward(); optimizer.step();
            }

            using (var pre = optim.Adam(d.parameters(), 1e-3))
                for (int step = 0; step < options.PretrainSteps; step++) DiscriminatorStep(pre);

            using var optD = optim.SGD(d.parameters(), options.DiscriminatorLearningRate);
            using var optG = optim.SGD(g.parameters(), options.GeneratorLearningRate);
            int rounds = options.Rounds;
            double[] gradientNorm = new double[rounds], fakeScore = new double[rounds], topShare = new double[rounds];
            var distanceRounds = new List<int>();
            var distance = new List<double>();
            double[] generated = [];
            int? divergedAt = null;
            for (int round = 1; round <= rounds && divergedAt is null; round++)
            {
                for (int k = 0; k < options.DiscriminatorSteps; k++) DiscriminatorStep(optD);
                for (int k = 0; k < options.GeneratorSteps; k++)
                {
                    using var scope = NewDisposeScope();
                    var logits = d.forward(FakeBatch());
                    var loss = options.Loss.Generator(logits);
                    optG.zero_grad(); loss.backward();
                    if (k == 0)
                    {
                        gradientNorm[round - 1] = System.Math.Sqrt(g.parameters().Sum(p => p.grad!.square().sum().item<float>()));
                        fakeScore[round - 1] = logits.sigmoid().mean().item<float>();
                        topShare[round - 1] = ShareOfTop(options.Loss.Generator, logits);
                    }
                    optG.step();
                }
                generated = round % options.EvaluateEvery == 0 || round == rounds ? Generate(g, evaluationNoise) : generated;
                if (!double.IsFinite(gradientNorm[round - 1]) || generated.Any(x => !double.IsFinite(x)))
                {
                    // The game blew up (an infinite or NaN gradient or sample): stop here and say so.
                    divergedAt = round;
                    gradientNorm.AsSpan(round - 1).Fill(double.NaN);
                    fakeScore.AsSpan(round).Fill(double.NaN);
                    topShare.AsSpan(round).Fill(double.NaN);
                }
                else if (round % options.EvaluateEvery == 0 || round == rounds)
                {
                    distanceRounds.Add(round);
                    distance.Add(Wasserstein1D.Between(generated, evaluationData));
                }
            }
            if (divergedAt is not null)
                return new ToyGameRun(options.Loss.Name, seed, gradientNorm, fakeScore, topShare, [.. distanceRounds], [.. distance],
                    double.NaN, double.NaN, divergedAt);
            double mean = generated.Average();
            double std = System.Math.Sqrt(generated.Sum(x => (x - mean) * (x - mean)) / (generated.Length - 1));
            return new ToyGameRun(options.Loss.Name, seed, gradientNorm, fakeScore, topShare, [.. distanceRounds], [.. distance], mean, std, null);
        }
        finally
        {
            g.Dispose(); d.Dispose(); data.Dispose(); evaluationNoise.Dispose();
        }
    }

    static double[] Generate(ToyGenerator g, Tensor noise)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return g.forward(noise).data<float>().Select(v => (double)v).ToArray();
    }

    // The per-sample factors |∂loss/∂lᵢ| that multiply each sample's backpropagated gradient, from autograd on a copy of
    // the logits; returns the share of their sum that the largest 5 % carry.
    static double ShareOfTop(GeneratorLossFn loss, Tensor logits)
    {
        var leaf = logits.detach().clone().requires_grad_();
        loss(leaf).backward();
        var factors = leaf.grad!.abs().flatten().data<float>().Select(v => (double)v).OrderDescending().ToArray();
        double total = factors.Sum();
        int top = System.Math.Max(1, (int)System.Math.Round(TopFraction * factors.Length));
        return total > 0 ? factors.Take(top).Sum() / total : double.NaN;
    }
}
