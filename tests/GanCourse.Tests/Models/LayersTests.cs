using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

public class LayersTests
{
    [Fact]
    public void LeakyReLUMatchesTorchSharpsInValueAndGradient()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var x = randn(64, 9).requires_grad_();
        var xReference = x.detach().clone().requires_grad_();
        using var layer = Layers.LeakyReLU(0.2);
        using var reference = nn.LeakyReLU(0.2);

        var y = layer.forward(x);
        var yReference = reference.forward(xReference);
        Assert.True(y.allclose(yReference, rtol: 0, atol: 0));
        y.sum().backward();
        yReference.sum().backward();
        Assert.True(x.grad!.allclose(xReference.grad!, rtol: 0, atol: 0));
        // max(x, 0.2x): negative inputs scaled by exactly 0.2, positive ones kept.
        var negative = x.detach() < 0;
        Assert.True(y.detach().masked_select(negative).allclose(x.detach().masked_select(negative) * 0.2));
        Assert.Equal("LeakyReLU(negative_slope=0.2)", layer.ToString());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void LeakyReLURejectsASlopeOutsideZeroToOne(double slope)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Layers.LeakyReLU(slope));
        Assert.Contains("[0, 1)", e.Message);
    }

    [Fact]
    public void BatchNormsKeepTorchsRunningStatisticsWithoutTheCounter()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(4);
        var x = randn(128, 6) * 3 + 2;
        using var norm = Layers.BatchNorm1d(6);
        using var reference = nn.BatchNorm1d(6);
        norm.train();
        reference.train();

        var y = norm.forward(x);
        Assert.True(y.allclose(reference.forward(x), atol: 1e-6));
        Assert.True(norm.running_mean!.allclose(reference.running_mean!, atol: 1e-6));
        Assert.True(norm.running_var!.allclose(reference.running_var!, atol: 1e-6));
        // Momentum 0.1: running mean = 0.1 · batch mean after one step from 0.
        Assert.True(norm.running_mean!.allclose(x.mean([0]) * 0.1, atol: 1e-6));
        Assert.Null(norm.num_batches_tracked);
        Assert.DoesNotContain(norm.named_buffers(), b => b.name == "num_batches_tracked");

        using var norm2d = Layers.BatchNorm2d(3);
        Assert.Null(norm2d.num_batches_tracked);
        Assert.Equal([2L, 3, 5, 5], norm2d.forward(randn(2, 3, 5, 5)).shape);
    }

    public static TheoryData<string> CourseModels => new()
    {
        nameof(MlpGenerator), nameof(MlpDiscriminator), nameof(DcganGenerator), nameof(DcganDiscriminator),
        nameof(ConditionalMlpGenerator), nameof(ConditionalMlpDiscriminator), nameof(ToyGenerator), nameof(ToyDiscriminator), nameof(RingGenerator),
    };

    [Theory]
    [MemberData(nameof(CourseModels))]
    public void CourseModelsUseNoLayerThatMakesATemporaryScalarPerCall(string name)
    {
        using nn.Module model = name switch
        {
            nameof(MlpGenerator) => new MlpGenerator(),
            nameof(MlpDiscriminator) => new MlpDiscriminator(),
            nameof(DcganGenerator) => new DcganGenerator(features: 8),
            nameof(DcganDiscriminator) => new DcganDiscriminator(features: 8),
            nameof(ConditionalMlpGenerator) => new ConditionalMlpGenerator(),
            nameof(ConditionalMlpDiscriminator) => new ConditionalMlpDiscriminator(),
            nameof(ToyGenerator) => new ToyGenerator(),
            nameof(ToyDiscriminator) => new ToyDiscriminator(),
            nameof(RingGenerator) => new RingGenerator(batchNorm: true),
            _ => throw new ArgumentException(name),
        };
        var modules = model.modules().ToList();
        Assert.DoesNotContain(modules, m => m is LeakyReLU);
        Assert.DoesNotContain(model.named_buffers(), b => b.name.EndsWith("num_batches_tracked", StringComparison.Ordinal));
        bool normalises = modules.Any(m => m is BatchNorm1d or BatchNorm2d);
        Assert.Equal(name is nameof(MlpGenerator) or nameof(DcganGenerator) or nameof(DcganDiscriminator) or nameof(ConditionalMlpGenerator) or nameof(RingGenerator), normalises);
    }
}
