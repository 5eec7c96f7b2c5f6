using TorchSharp;
using Xunit;
using static GanCourse.Tests.Exercises.CheckAssert;
using static TorchSharp.torch;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// Notebook 05's Exercise 5 (the maximum-likelihood generator cost written from logits): the reference passes, the
/// placeholder is unanswered, and each plausible wrong cost fails with a message that names the slip but not the value.
/// </summary>
public class Checks05CostTests
{
    // The value the check expects on its known batch, for the leak test: −½ · mean(exp(l)).
    static readonly double Expected = -0.5 * new[] { -2.5, -1, 0, 0.5, 1.5, 3 }.Average(Math.Exp);

    static void FailsSaying(CheckResult result, string part)
    {
        Wrong(result, [Expected]);
        Assert.Contains(part, result.Message);
    }

    [Fact]
    public void TheReferenceCostPasses() => Right(Checks05.Exercise5(l => -0.5 * l.exp().mean()));

    [Fact]
    public void ThePlaceholderIsUnanswered()
    {
        Unanswered(Checks05.Exercise5(null));
        Unanswered(Checks05.Exercise5(_ => throw new NotImplementedException("your code here")));
    }

    [Fact]
    public void TheUsualSlipsFailAndAreNamed()
    {
        FailsSaying(Checks05.Exercise5(l => -l.exp().mean()), "factor ½ is missing");
        FailsSaying(Checks05.Exercise5(l => -0.5 * l.exp().sum()), "instead of summing");
        FailsSaying(Checks05.Exercise5(l => -0.5 * l.sigmoid().mean()), "uses D(G(z)) = σ(l)");
        FailsSaying(Checks05.Exercise5(l => 0.5 * l.exp().mean()), "wrong sign");
        // the non-saturating cost: no named slip, only which way it misses
        FailsSaying(Checks05.Exercise5(l => 0.5 * nn.functional.softplus(-l).mean()), "−½ times the batch mean");
    }

    [Fact]
    public void ACostThroughSigmoidAndBackFailsOnConfidentLogits()
    {
        // Right on ordinary float32 logits, but σ(20) rounds to 1: log(d / (1 − d)) is infinite there.
        var result = Checks05.Exercise5(l => { var d = l.sigmoid(); return -0.5 * (d / (1 - d)).mean(); });
        FailsSaying(result, "very sure");
    }

    [Fact]
    public void NotOneNumberOrNotDifferentiableFails()
    {
        FailsSaying(Checks05.Exercise5(l => -0.5 * l.exp()), "not one number");
        FailsSaying(Checks05.Exercise5(l => tensor(-0.5 * l.exp().mean().ToDouble())), "not differentiable");
        FailsSaying(Checks05.Exercise5(_ => throw new InvalidOperationException("boom")), "threw InvalidOperationException: boom");
    }
}
