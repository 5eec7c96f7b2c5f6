using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 05 (generator losses). d stands for D(G(z)).</summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class Checks05
{
    /// <summary>Exercise 1: the non-saturating per-sample cost −½ log d at d = 0.1.</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, -0.5 * System.Math.Log(0.1), Tolerance.Absolute(1e-9),
            "the non-saturating cost is −½ log d (natural log, the ½ included); it is large and positive for a rejected sample.");

    /// <summary>Exercise 2: |non-saturating| / |minimax| logit gradient at d = 0.01, (1 − d)/d.</summary>
    public static CheckResult Exercise2(double answer) =>
        Exercise.Compare("Exercise 2", answer, (1 - 0.01) / 0.01, Tolerance.Absolute(1e-6),
            "the logit gradients are −½(1 − d) (non-saturating) and −½ d (minimax): divide the first by the second.");

    /// <summary>Exercise 3: the d where the two logit gradients are equal.</summary>
    public static CheckResult Exercise3(double answer) =>
        Exercise.Compare("Exercise 3", answer, 0.5, Tolerance.Absolute(1e-3),
            "set the sizes of the two logit gradients, ½ d and ½ (1 − d), equal.");

    /// <summary>Exercise 4: the d above which the maximum-likelihood factor ½ d/(1 − d) exceeds the non-saturating ½ (1 − d): (3 − √5)/2.</summary>
    public static CheckResult Exercise4(double answer) =>
        Exercise.Compare("Exercise 4", answer, (3 - System.Math.Sqrt(5)) / 2, Tolerance.Absolute(1e-4),
            "set d/(1 − d) = 1 − d: a quadratic in d with one root in (0, 1).");

    // Exercise 5's known batch: logits of a critic that rejects some samples and likes others, and two it likes a lot
    // (σ of 20 and 25 rounds to exactly 1 in float32, so a cost that goes through D = σ(l) cannot get them back).
    static readonly float[] KnownLogits = [-2.5f, -1f, 0f, 0.5f, 1.5f, 3f];
    static readonly float[] ConfidentLogits = [20f, 25f];

    /// <summary>
    /// Exercise 5: <paramref name="cost"/> must compute the maximum-likelihood generator cost of Goodfellow's tutorial,
    /// J(G) = −½ E exp(σ⁻¹(D(G(z)))), from a batch of logits l = σ⁻¹(D(G(z))) of shape [N, 1]: one differentiable number,
    /// right on known logits and on confident ones, with the right gradient for every logit. A wrong value is matched
    /// against the usual slips (the ½ left out, a sum instead of a mean, σ(l) instead of exp(l), the sign flipped).
    /// </summary>
    public static CheckResult Exercise5(Func<Tensor, Tensor>? cost)
    {
        const string Name = "Exercise 5";
        if (cost is null) return Exercise.Unanswered(Name, "the function is null");
        using var scope = NewDisposeScope();
        var logits = tensor(KnownLogits, [KnownLogits.Length, 1L]).requires_grad_();
        Tensor value;
        try { value = cost(logits); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e is NotImplementedException
                ? Exercise.Unanswered(Name, "the function still throws NotImplementedException")
                : Exercise.Verdict(Name, false, $"your function threw {e.GetType().Name}: {e.Message}");
        }
        if (value is null || value.numel() != 1)
            return Exercise.Verdict(Name, false, $"your function returned {(value is null ? "null" : $"a tensor of shape [{string.Join(", ", value.shape)}]")}, not one number.",
                "average over the batch (.mean()), so the cost is one number.");
        double got = value.ToDouble(), expected = MlCost(KnownLogits);
        if (!double.IsFinite(got))
            return Exercise.Verdict(Name, false, $"on {KnownLogits.Length} ordinary logits your cost is {Exercise.Show(got)}.", "look for a log of 0 or a division by 0.");
        if (!Near(got, expected))
        {
            var slips = new (double Value, string Diagnosis)[]
            {
                (2 * expected, "it is twice the tutorial's cost: the factor ½ is missing."),
                (KnownLogits.Length * expected, "it grows with the batch size: average over the samples instead of summing."),
                (-0.5 * KnownLogits.Average(l => 1 / (1 + System.Math.Exp(-l))), "it uses D(G(z)) = σ(l) where the cost needs exp(σ⁻¹(D)) = exp(l)."),
                (-expected, "it has the wrong sign: the generator minimises this cost, and it must fall as D(G(z)) rises."),
            };
            var slip = slips.FirstOrDefault(s => Near(got, s.Value));
            return Exercise.Verdict(Name, false, $"on a known batch of {KnownLogits.Length} logits your cost is {Exercise.Show(got)}: " +
                (slip.Diagnosis ?? $"it {Exercise.Miss(got, expected)} of −½ times the batch mean of exp(σ⁻¹(D(G(z))))."));
        }
        if (!value.requires_grad)
            return Exercise.Verdict(Name, false, "the cost is not differentiable: keep every step a tensor operation (no .item(), no arrays).");
        value.backward();
        var gradient = logits.grad?.flatten().data<float>().ToArray();
        var right = KnownLogits.Select(l => -0.5 * System.Math.Exp(l) / KnownLogits.Length).ToArray();
        if (gradient is null || Enumerable.Range(0, right.Length).Any(i => !Near(gradient[i], right[i])))
            return Exercise.Verdict(Name, false, "the value is right but the gradient with respect to the logits is not: compute the cost from the logits alone with tensor operations.");
        var confident = tensor(ConfidentLogits, [ConfidentLogits.Length, 1L]);
        double gotConfident;
        try { gotConfident = cost(confident).ToDouble(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Exercise.Verdict(Name, false, $"on confident logits your function threw {e.GetType().Name}: {e.Message}");
        }
        if (!Near(gotConfident, MlCost(ConfidentLogits)))
            return Exercise.Verdict(Name, false, $"for logits a critic is very sure about (σ(l) rounds to 1 in float32) your cost is {Exercise.Show(gotConfident)}: " +
                "going through D = σ(l) and back with log(D/(1 − D)) loses them. exp(σ⁻¹(D(G(z)))) is exp of the logit itself.");
        return Exercise.Verdict(Name, true, "one differentiable number, right on known and on confident logits, with the right gradient.");
    }

    static double MlCost(float[] logits) => -0.5 * logits.Average(l => System.Math.Exp(l));

    static bool Near(double a, double b) => System.Math.Abs(a - b) <= 1e-5 * System.Math.Max(1, System.Math.Abs(b));
}
