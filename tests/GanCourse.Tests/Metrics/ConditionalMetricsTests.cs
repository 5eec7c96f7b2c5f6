using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

/// <summary>Notebook 09's measurements of a conditional GAN and of a latent direction.</summary>
public class ConditionalMetricsTests(MnistClassifierFixture fixture) : IClassFixture<MnistClassifierFixture>
{
    [Fact]
    public void RealDigitsObeyTheirOwnLabelsAndNotShiftedOnes()
    {
        using var scope = NewDisposeScope();
        var images = fixture.Test.Images.narrow(0, 0, 1000);
        var labels = fixture.Test.Labels.narrow(0, 0, 1000);
        var own = AskedDigitAccuracy.Of(fixture.Classifier, images, labels);
        var shifted = AskedDigitAccuracy.Of(fixture.Classifier, images, labels.add(1).remainder(10));
        Assert.Equal(1000, own.Asked.Sum());
        Assert.True(own.Overall > 0.97, own.ToString());
        Assert.True(own.PerClass.All(p => p > 0.9), own.ToString());
        Assert.True(shifted.Overall < 0.03, shifted.ToString());
        Assert.Equal(own.Overall, (double)own.Obeyed.Sum() / 1000, 12);
    }

    [Fact]
    public void AskingNeverForADigitIsRefusedWithTheDigitNamed()
    {
        using var scope = NewDisposeScope();
        var images = fixture.Test.Images.narrow(0, 0, 20);
        var labels = arange(20, ScalarType.Int64).remainder(9);       // 9 is never asked for
        var e = Assert.Throws<ArgumentException>(() => AskedDigitAccuracy.Of(fixture.Classifier, images, labels));
        Assert.Contains("class 9 is never asked for", e.Message);
        var wrong = Assert.Throws<ArgumentException>(() => AskedDigitAccuracy.Of(fixture.Classifier, images, labels.narrow(0, 0, 5)));
        Assert.Contains("shape [20]", wrong.Message);
    }

    [Fact]
    public void AConditionalGeneratorIsAskedForEveryDigitEquallyOften()
    {
        using var scope = NewDisposeScope();
        using var g = new ConditionalMlpGenerator(hidden: 8, output: OutputActivation.Tanh);
        var accuracy = AskedDigitAccuracy.Of(fixture.Classifier, g, perClass: 7, seed: 1);
        Assert.All(accuracy.Asked, n => Assert.Equal(7, n));
        Assert.InRange(accuracy.Overall, 0, 1);
    }

    [Fact]
    public void TheWithinClassDirectionIgnoresWhatSeparatesTheClasses()
    {
        using var scope = NewDisposeScope();
        using var rng = new torch.Generator(3);
        var z = randn(4000, 8, generator: rng);
        var classes = z[.., 0].gt(0).to(ScalarType.Int64);           // the class is the sign of z0 ...
        var property = classes * 10.0 + z[.., 2];                      // ... and the property is mostly the class
        var within = LatentDirection.WithinClass(z, classes, property);
        Assert.Equal(1.0, within.norm().item<float>(), 4);
        Assert.True(within[2].item<float>() > 0.95, $"direction {within.str()}");
        Assert.True(MathF.Abs(within[0].item<float>()) < 0.2, $"direction {within.str()}");
        var across = LatentDirection.WithinClass(z, zeros_like(classes), property);   // one class: across the classes
        Assert.True(across[0].item<float>() > 0.5, $"direction {across.str()}");
    }

    [Fact]
    public void AWalkReportsThePropertyAndHowManyKeepTheirDigit()
    {
        using var scope = NewDisposeScope();
        var digits = fixture.Test.Images.narrow(0, 0, 50).reshape(50, 784);
        var noise = zeros(50, 4);
        var direction = tensor(new float[] { 1, 0, 0, 0 });
        // "draw" scales real digits by 1 + z0: brighter along the direction, and the same digits
        Tensor Draw(Tensor z) => (digits * (1 + z[.., 0].unsqueeze(1))).clamp(0, 1);
        var walk = LatentDirection.Walk(fixture.Classifier, Draw, noise, direction, [0.0, 0.5, -1.0], x => x.mean([1]));
        Assert.Equal([0.0, 0.5, -1.0], walk.Select(p => p.Strength));
        Assert.Equal(1.0, walk[0].SameDigit);
        Assert.True(walk[1].Property > walk[0].Property, $"{walk[1]} vs {walk[0]}");
        Assert.Equal(0.0, walk[2].Property, 6);                       // all black
        Assert.True(walk[2].SameDigit < 0.5, walk[2].ToString());
    }

    [Fact]
    public void WalkAndFitRefuseMismatchedShapes()
    {
        using var scope = NewDisposeScope();
        var z = zeros(10, 4);
        var e = Assert.Throws<ArgumentException>(() =>
            LatentDirection.Walk(fixture.Classifier, x => x, z, zeros(5), [1.0], x => x.mean([1])));
        Assert.Contains("direction must be one vector [zDim]", e.Message);
        e = Assert.Throws<ArgumentException>(() => LatentDirection.WithinClass(z, zeros(10, ScalarType.Int64), zeros(9)));
        Assert.Contains("one value per noise vector, shape [10]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentDirection.WithinClass(z, zeros(10, ScalarType.Int64), zeros(10), fraction: 0.7));
        e = Assert.Throws<ArgumentException>(() => LatentDirection.WithinClass(zeros(9, 4), zeros(9, ScalarType.Int64), zeros(9)));
        Assert.Contains("no class has 10 or more samples", e.Message);
    }
}
