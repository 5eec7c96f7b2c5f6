using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The generator of notebook 06's tricks comparison on the ring of Gaussians, with two of the tricks as switches:
/// <c>Linear(zDim, h) → [BatchNorm1d(h)] → ReLU → Linear(h, h) → [BatchNorm1d(h)] → ReLU → Linear(h, 2) → [tanh]</c>.
/// Without batch norm and tanh it computes the same function as a <see cref="ToyGenerator"/> of the same width.
/// Input noise [N, zDim], output points [N, 2].
/// </summary>
/// <remarks>Introduced in notebook 06.</remarks>
public sealed class RingGenerator : nn.Module<Tensor, Tensor>
{
    readonly Linear input, hidden, output;
    readonly BatchNorm1d? norm1, norm2;
    readonly ReLU relu;

    /// <summary>
    /// Builds the generator: <paramref name="hidden"/> units in each of its two hidden layers;
    /// <paramref name="batchNorm"/> normalises both hidden layers over the batch (as the lecture's MLP generator and
    /// DCGAN do); <paramref name="tanh"/> squashes the output into (-1, 1), for data scaled into [-1, 1].
    /// </summary>
    public RingGenerator(int zDim = 16, int hidden = 64, bool batchNorm = false, bool tanh = false) : base(nameof(RingGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        (ZDim, BatchNorm, Tanh) = (zDim, batchNorm, tanh);
        input = nn.Linear(zDim, hidden);
        this.hidden = nn.Linear(hidden, hidden);
        output = nn.Linear(hidden, 2);
        if (batchNorm) (norm1, norm2) = (Layers.BatchNorm1d(hidden), Layers.BatchNorm1d(hidden));
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>Length of the noise vector.</summary>
    public int ZDim { get; }

    /// <summary>Whether both hidden layers are batch-normalised.</summary>
    public bool BatchNorm { get; }

    /// <summary>Whether the output is squashed by tanh into (-1, 1).</summary>
    public bool Tanh { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise)
    {
        Require.Features(noise, ZDim, nameof(RingGenerator), "noise");
        using var h1 = Layer(input, norm1, noise);
        using var h2 = Layer(hidden, norm2, h1);
        var point = output.forward(h2);
        if (!Tanh) return point;
        using (point) return point.tanh();
    }

    Tensor Layer(Linear linear, BatchNorm1d? norm, Tensor x)
    {
        using var a = linear.forward(x);
        if (norm is null) return relu.forward(a);
        using var normed = norm.forward(a);
        return relu.forward(normed);
    }
}
