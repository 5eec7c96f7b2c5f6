using static TorchSharp.torch;

namespace GanCourse.Tests;

/// <summary>
/// MNIST-shaped stand-in data for tests that must not depend on the dataset: ten fixed random "prototype" images
/// in [0, 1] (one per class) plus small noise, clipped to [0, 1]. Shape [n, 784], labels [n] = class of each row.
/// </summary>
static class PrototypeDigits
{
    public static Tensor Make(int n, int seed) => MakeLabelled(n, seed).Images;

    public static (Tensor Images, Tensor Labels) MakeLabelled(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        using var prototypes = rand(10, 784, generator: g).lt(0.2).to(ScalarType.Float32);
        var labels = arange(n, ScalarType.Int64).remainder(10);
        using var noise = rand(n, 784, generator: g).mul(0.2);
        using var base_ = prototypes.index_select(0, labels);
        var images = base_.mul(0.8).add(noise).clamp(0, 1);
        return (images, labels);
    }
}
