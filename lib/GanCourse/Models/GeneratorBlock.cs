using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// One block of the lecture's MLP generator: <c>Linear(in, out) → BatchNorm1d(out) → ReLU</c>.
/// Input [N, in], output [N, out].
/// </summary>
/// <remarks>Introduced in notebook 07.</remarks>
public sealed class GeneratorBlock : nn.Module<Tensor, Tensor>
{
    readonly Linear linear;
    readonly BatchNorm1d norm;
    readonly ReLU relu;

    /// <summary>A block mapping <paramref name="inFeatures"/> to <paramref name="outFeatures"/>.</summary>
    public GeneratorBlock(int inFeatures, int outFeatures) : base(nameof(GeneratorBlock))
    {
        Require.AtLeastOne(inFeatures, nameof(inFeatures));
        Require.AtLeastOne(outFeatures, nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        linear = nn.Linear(inFeatures, outFeatures);
        norm = Layers.BatchNorm1d(outFeatures);
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>Width of the input.</summary>
    public int InFeatures { get; }

    /// <summary>Width of the output.</summary>
    public int OutFeatures { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        Require.Features(input, InFeatures, nameof(GeneratorBlock), "input");
        using var hidden = linear.forward(input);
        using var normed = norm.forward(hidden);
        return relu.forward(normed);
    }
}
