using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Losses;

public class GanLossTests
{
    [Fact]
    public void PresetsPairTheMatchingDiscriminatorAndGeneratorLosses()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 1.5, -0.2, 0.7 });
        var fake = tensor(new[] { -1.0, 0.4 });
        double Value(Tensor t) => t.item<double>();

        Assert.Equal(["minimax", "non-saturating", "maximum likelihood", "least squares", "Wasserstein", "hinge"], GanLoss.All.Select(l => l.Name));
        Assert.Equal(Value(GeneratorLoss.Minimax(fake)), Value(GanLoss.Minimax.Generator(fake)));
        Assert.Equal(Value(GeneratorLoss.NonSaturating(fake)), Value(GanLoss.NonSaturating.Generator(fake)));
        Assert.Equal(Value(GeneratorLoss.MaximumLikelihood(fake)), Value(GanLoss.MaximumLikelihood.Generator(fake)));
        foreach (var loss in new[] { GanLoss.Minimax, GanLoss.NonSaturating, GanLoss.MaximumLikelihood })
            Assert.Equal(Value(DiscriminatorLoss.Standard(real, fake)), Value(loss.Discriminator(real, fake)));
        Assert.Equal(Value(DiscriminatorLoss.LeastSquares(real, fake)), Value(GanLoss.LeastSquares.Discriminator(real, fake)));
        Assert.Equal(Value(GeneratorLoss.LeastSquares(fake)), Value(GanLoss.LeastSquares.Generator(fake)));
        Assert.Equal(Value(DiscriminatorLoss.Wasserstein(real, fake)), Value(GanLoss.Wasserstein.Discriminator(real, fake)));
        Assert.Equal(Value(DiscriminatorLoss.Hinge(real, fake)), Value(GanLoss.Hinge.Discriminator(real, fake)));
        Assert.Equal(Value(GeneratorLoss.Hinge(fake)), Value(GanLoss.Hinge.Generator(fake)));
    }

    [Fact]
    public void WithRealLabelSmoothsTheDiscriminatorLossOnly()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 1.5, -0.2, 0.7 });
        var fake = tensor(new[] { -1.0, 0.4 });
        var smoothed = GanLoss.NonSaturating.WithRealLabel(0.9);
        Assert.Equal("non-saturating (real label 0.9)", smoothed.Name);
        Assert.Equal(DiscriminatorLoss.Standard(real, fake, 0.9).item<double>(), smoothed.Discriminator(real, fake).item<double>());
        Assert.NotEqual(DiscriminatorLoss.Standard(real, fake).item<double>(), smoothed.Discriminator(real, fake).item<double>());
        Assert.Equal(GeneratorLoss.NonSaturating(fake).item<double>(), smoothed.Generator(fake).item<double>());
        Assert.Equal("non-saturating (real label 0.8)", smoothed.WithRealLabel(0.8).Name);
        Assert.Equal("non-saturating", smoothed.WithRealLabel(1).Name);
        Assert.Equal(DiscriminatorLoss.LeastSquares(real, fake, 0.9).item<double>(),
            GanLoss.LeastSquares.WithRealLabel(0.9).Discriminator(real, fake).item<double>());

        Assert.False(GanLoss.Wasserstein.SupportsLabelSmoothing);
        var e = Assert.Throws<InvalidOperationException>(() => GanLoss.Wasserstein.WithRealLabel(0.9));
        Assert.Contains("The Wasserstein loss has no labels to smooth", e.Message);
        Assert.EndsWith("applies to the minimax, non-saturating, maximum likelihood and least squares losses.", e.Message);
        Assert.Throws<InvalidOperationException>(() => GanLoss.Hinge.WithRealLabel(0.9));
        Assert.Contains("realLabel = 0", Assert.Throws<ArgumentOutOfRangeException>(() => GanLoss.Minimax.WithRealLabel(0)).Message);
    }
}
