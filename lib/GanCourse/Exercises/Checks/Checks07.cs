using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 07 (the lecture's MLP GAN on MNIST).</summary>
/// <remarks>Introduced in notebook 07.</remarks>
public static class Checks07
{
    /// <summary>
    /// Exercise 1: the standard deviation of LeakyReLU₀.₂(u) for u ~ N(0, 1) (the discriminator block's activation; the
    /// notebook derives the ReLU's in its text), checked against a Monte Carlo estimate from a million seeded draws;
    /// tolerance 0.003, about 5 standard errors of that estimate (≈ 6·10⁻⁴).
    /// </summary>
    public static CheckResult Exercise1(double answer)
    {
        double monteCarlo;
        using (var scope = NewDisposeScope())
        using (var generator = new Generator(7))
            monteCarlo = nn.functional.leaky_relu(randn(1_000_000, generator: generator), 0.2).std().item<float>();
        return Exercise.Compare("Exercise 1", answer, monteCarlo, Tolerance.Absolute(0.003),
            "Var = E[f²] − E[f]², each split into the halves u > 0 (weight 1) and u < 0 (slope 0.2, squared in E[f²]); the std is the square root.");
    }

    /// <summary>Exercise 2: the lecture generator's parameter count, checked against the count read from <paramref name="generator"/>.</summary>
    public static CheckResult Exercise2(double answer, nn.Module generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Exercise.CompareCount("Exercise 2", answer, generator.parameters().Sum(p => p.numel()),
            "a Linear(in, out) has in·out weights and out biases; a BatchNorm1d(out) has 2·out parameters (its running statistics are buffers, not parameters).");
    }

    /// <summary>
    /// Exercise 3: <paramref name="block"/> must be the wrong discriminator block, Linear(25, 12) then a plain ReLU, and
    /// <paramref name="ratio"/> must compute −min/max of a block's output. The check tries the ratio on a known tensor, feeds
    /// the block 10,000 seeded standard normal inputs, and confirms the ratio is 0 there, which the notebook's
    /// discriminator-block check (−min/max in (0.1, 0.3)) rejects.
    /// </summary>
    public static CheckResult Exercise3(nn.Module<Tensor, Tensor>? block, Func<Tensor, double>? ratio)
    {
        const string name = "Exercise 3";
        if (block is null) return Exercise.Unanswered(name, "block3 is null");
        if (ratio is null) return Exercise.Unanswered(name, "ratio3 is null");
        const string ratioHint = "−min/max: minus the smallest output divided by the largest, over the whole output tensor.";
        using var scope = NewDisposeScope();
        double probe = ratio(tensor(new float[,] { { -0.5f, 2f }, { 1f, 0.25f } }));
        if (double.IsNaN(probe)) return Exercise.Unanswered(name, "ratio3 returns NaN");
        if (System.Math.Abs(probe - 0.25) > 1e-6)
            return Exercise.Verdict(name, false, $"ratio3 gives {Exercise.Show(probe)} on a tensor whose smallest entry is −0.5 and largest 2.", ratioHint);

        using var generator = new Generator(11);
        Tensor output;
        using (no_grad()) output = block.forward(randn(10_000, 25, generator: generator));
        if (output.ndim != 2 || output.shape[0] != 10_000 || output.shape[1] != 12)
            return Exercise.Verdict(name, false, $"block3 turns a [10000, 25] batch into [{string.Join(", ", output.shape)}], not [10000, 12].",
                "the block is nn.Linear(25, 12) followed by nn.ReLU().");
        double min = output.min().item<float>(), max = output.max().item<float>();
        if (min < 0)
            return Exercise.Verdict(name, false, $"block3 outputs negative values (down to {Exercise.Show(min)}), which a plain ReLU never does.",
                "this is the right block (LeakyReLU) or one without an activation; the exercise wants the wrong one, with nn.ReLU().");
        if (min > 0)
            return Exercise.Verdict(name, false, $"block3's smallest output is {Exercise.Show(min)} > 0; a ReLU sets every negative pre-activation to exactly 0.",
                "end the block with nn.ReLU(), not a sigmoid or another activation.");
        double r = ratio(output);
        if (r != 0)
            return Exercise.Verdict(name, false, $"ratio3 gives {Exercise.Show(r)} on the block's output, whose minimum is 0 and maximum {Exercise.Show(max)}.", ratioHint);
        return Exercise.Verdict(name, true,
            "the plain-ReLU block gives −min/max = 0: it never outputs a negative number, so the discriminator-block check, which wants about 0.2, rejects it.");
    }
}
