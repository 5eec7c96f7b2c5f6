using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// Notebook 10's checks pass on the reference solutions (the notebook's, with <c>solutions = true</c>) and fail, with a
/// message naming the mistake, on plausible wrong answers.
/// </summary>
public class Checks10Tests
{
    // ---- reference solutions (as in notebooks/10-semi-supervised-and-applications.ipynb) ----

    static Tensor UnsupervisedLoss(Tensor realLogits, Tensor fakeLogits) =>
        0.5 * softplus(-realLogits.logsumexp(1)).mean() + 0.5 * softplus(fakeLogits.logsumexp(1)).mean();

    static Tensor VisibleError(Tensor generated, Tensor target, Tensor visible) =>
        ((generated - target).square() * visible).sum(1) / visible.expand_as(target).sum(1);

    static void FailsSaying(CheckResult check, string fragment)
    {
        Assert.False(check.Passed, "the check passed a wrong answer");
        Assert.Contains(fragment, check.Message);
        Assert.DoesNotContain("no answer yet", check.Message);
    }

    [Fact]
    public void ReferenceSolutionsPass()
    {
        CheckAssert.Right(Checks10.Exercise1(UnsupervisedLoss));
        CheckAssert.Right(Checks10.Exercise2(VisibleError));
        CheckAssert.Right(Checks10.Exercise2(Inpainting.MaskedError));
        CheckAssert.Right(Checks10.Exercise1(SemiSupervisedLoss.Unsupervised));
    }

    [Fact]
    public void PlaceholdersAreUnanswered()
    {
        CheckAssert.Unanswered(Checks10.Exercise1(null));
        CheckAssert.Unanswered(Checks10.Exercise2(null));
        FailsSaying(Checks10.Exercise1((_, _) => throw new NotImplementedException()), "not written yet");
    }

    [Fact]
    public void WrongUnsupervisedLossesFail()
    {
        FailsSaying(Checks10.Exercise1((r, f) => softplus(-r.logsumexp(1)).mean() + softplus(f.logsumexp(1)).mean()), "sum of the two halves");
        FailsSaying(Checks10.Exercise1((r, f) => UnsupervisedLoss(f, r)), "swapped roles");
        FailsSaying(Checks10.Exercise1((r, f) => 0.5 * softplus(-r.logsumexp(1)).mean()), "add the generated half");
        FailsSaying(Checks10.Exercise1((r, f) => 0.5 * softplus(-r.max(1).values).mean() + 0.5 * softplus(f.max(1).values).mean()), "logsumexp");
        FailsSaying(Checks10.Exercise1((r, f) => 0.5 * softplus(-r.sum(1)).mean() + 0.5 * softplus(f.sum(1)).mean()), "exponentials");
        FailsSaying(Checks10.Exercise1((r, f) => -UnsupervisedLoss(r, f)), "negative");
    }

    [Fact]
    public void UnstableOrCutOffLossesFail()
    {
        // log σ(lse) computed through the probability itself: right on ordinary logits, infinite for confident ones.
        FailsSaying(Checks10.Exercise1((r, f) =>
            -0.5 * r.logsumexp(1).sigmoid().log().mean() - 0.5 * (1 - f.logsumexp(1).sigmoid()).log().mean()), "confident");
        FailsSaying(Checks10.Exercise1((r, f) => tensor(UnsupervisedLoss(r, f).item<float>(), requires_grad: true)), "gradient");
        FailsSaying(Checks10.Exercise1((r, f) => UnsupervisedLoss(r, f).detach()), "cut off");
        FailsSaying(Checks10.Exercise1((r, f) => softplus(-r.logsumexp(1)) * 0.5), "one number");
    }

    [Fact]
    public void WrongVisibleErrorsFail()
    {
        FailsSaying(Checks10.Exercise2((g, t, m) => (g - t).square().mean([1])), "count every pixel");
        FailsSaying(Checks10.Exercise2((g, t, m) => VisibleError(g, t, 1 - m)), "hidden pixels instead");
        FailsSaying(Checks10.Exercise2((g, t, m) => ((g - t).square() * m).mean([1])), "divide by all pixels");
        FailsSaying(Checks10.Exercise2((g, t, m) => ((g - t).square() * m).sum(1)), "sums over the visible pixels");
        FailsSaying(Checks10.Exercise2((g, t, m) => ((g - t).square() * m).sum() / m.expand_as(t).sum()), "one error per image");
        FailsSaying(Checks10.Exercise2((g, t, m) => VisibleError(g, t, m).detach()), "cut off");
    }

    [Fact]
    public void MessagesDoNotRevealTheAnswer()
    {
        var wrong = Checks10.Exercise1((r, f) => 0.5 * softplus(-r.logsumexp(1)).mean() + 0.25 * softplus(f.logsumexp(1)).mean());
        Assert.False(wrong.Passed);
        double expected;
        using (var real = tensor(new float[,] { { 2.0f, -1.0f, 0.5f }, { -0.3f, 1.2f, 0.1f }, { 0.8f, 0.7f, -2.0f }, { -1.5f, -0.4f, 0.9f } }))
        using (var fake = tensor(new float[,] { { -2.2f, -0.6f, -1.1f }, { 0.4f, -1.7f, -0.2f }, { -0.9f, -3.0f, 0.3f }, { 1.1f, -0.8f, -2.4f } }))
            expected = UnsupervisedLoss(real, fake).item<float>();
        CheckAssert.NoLeak(wrong.Message, [expected], []);
    }
}
