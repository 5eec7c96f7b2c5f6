using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>
/// CourseAdam, the optimizer of notebook 06b's hand-written loop, used like TorchSharp's (zero_grad, backward, step),
/// updates a model exactly as torch.optim.Adam does.
/// </summary>
public class CourseAdamTests
{
    static Tensor Loss(nn.Module<Tensor, Tensor> d, Tensor x) => d.forward(x).square().mean() + d.forward(x * 2).mean();

    [Fact]
    public void MatchesTorchSharpsAdam()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(301);
        using var mine = new MlpDiscriminator(imageDim: 20, hidden: 8);
        using var theirs = new MlpDiscriminator(imageDim: 20, hidden: 8);
        TrainerFixtures.CopyWeights(mine, theirs);
        using var gen = new torch.Generator(302);
        var x = randn(16, 20, generator: gen);
        var initial = TrainerFixtures.Flatten(mine);

        using var optimizer = new CourseAdam(mine, lr: 1e-2, beta1: 0.5);
        using var reference = optim.Adam(theirs.parameters(), 1e-2, 0.5, 0.999);
        for (int step = 0; step < 5; step++)
        {
            optimizer.zero_grad();
            Loss(mine, x).backward();
            optimizer.step();
            reference.zero_grad();
            Loss(theirs, x).backward();
            reference.step();
        }
        var a = TrainerFixtures.Flatten(mine);
        var b = TrainerFixtures.Flatten(theirs);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-5);
        Assert.Equal(5, optimizer.Steps);
        int moved = a.Zip(initial).Count(p => Math.Abs(p.First - p.Second) > 1e-4);
        Assert.True(moved > a.Length / 2, $"only {moved} of {a.Length} parameters moved");
    }

    [Fact]
    public void ZeroGradClearsWhatTheNextStepReads()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(303);
        using var model = nn.Linear(4, 1);
        using var optimizer = new CourseAdam(model, lr: 0.1);
        Loss(model, randn(8, 4)).backward();
        optimizer.zero_grad();
        var before = TrainerFixtures.Flatten(model);
        optimizer.step();           // Adam with an all-zero gradient leaves the weights where they are
        Assert.Equal(before, TrainerFixtures.Flatten(model));
    }

    [Theory]
    [InlineData(0.0, 0.9, 0.999, "lr")]
    [InlineData(double.NaN, 0.9, 0.999, "lr")]
    [InlineData(1e-3, 1.0, 0.999, "beta1")]
    [InlineData(1e-3, 0.5, -0.1, "beta2")]
    public void RejectsSettingsOutsideTheirRange(double lr, double beta1, double beta2, string name)
    {
        using var model = nn.Linear(2, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CourseAdam(model, lr, beta1, beta2));
        Assert.Equal(name, e.ParamName);
    }
}
