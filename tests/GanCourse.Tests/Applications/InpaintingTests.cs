using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Applications;

public class InpaintingTests
{
    [Fact]
    public void HideRowsFromHidesTheBottomRows()
    {
        using var scope = NewDisposeScope();
        var visible = Inpainting.HideRowsFrom(2, side: 4).view(4, 4);
        Assert.Equal(8, visible.sum().item<float>());
        Assert.Equal(1, visible[1, 3].item<float>());
        Assert.Equal(0, visible[2, 0].item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Inpainting.HideRowsFrom(0, side: 4));
    }

    [Fact]
    public void MaskedErrorCountsOnlyVisiblePixels()
    {
        using var scope = NewDisposeScope();
        var generated = tensor(new float[,] { { 1, 5, 9 }, { 0, 0, 0 } });
        var target = tensor(new float[,] { { 0, 5, -9 }, { 1, 1, 1 } });
        var error = Inpainting.MaskedError(generated, target, tensor(new float[] { 1, 1, 0 }));
        Assert.Equal(new[] { 0.5f, 1f }, error.data<float>().ToArray());
        var e = Assert.Throws<ArgumentException>(() => Inpainting.MaskedError(generated, target, tensor(new float[] { 1, 0.5f, 0 })));
        Assert.Contains("only 0", e.Message);
    }

    [Fact]
    public void FillRecoversHiddenPixelsOfAnImageTheGeneratorCanDraw()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var generator = nn.Sequential(nn.Linear(4, 16), nn.Tanh());     // a fixed "trained" generator, z of length 4
        var visible = Inpainting.HideRowsFrom(2, side: 4);              // 8 visible pixels determine the 4 numbers of z
        Tensor images;
        using (no_grad()) images = generator.forward(randn(3, 4) * 0.5);
        var damaged = images * visible;                                  // hidden pixels zeroed: unknown to Fill
        var weightBefore = generator.parameters().First().clone();
        using var result = Inpainting.Fill(generator, 4, damaged, visible, new InpaintingOptions { Restarts = 4, Steps = 400 });
        var hidden = 1 - visible;
        double hiddenError = ((result.Filled - images).square() * hidden).sum().item<float>() / (3 * hidden.sum().item<float>());
        Assert.True(hiddenError < 1e-3, $"hidden pixels not recovered: mean squared error {hiddenError}");
        Assert.True((result.Filled * visible).eq(damaged * visible).all().item<bool>(), "visible pixels must be kept as they were");
        Assert.True(generator.parameters().First().eq(weightBefore).all().item<bool>(), "Fill must not change the generator");
        Assert.True(generator.parameters().All(p => p.requires_grad), "Fill must give the generator its gradients back");
    }
}
