using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A small MLP generator for the 1-D and 2-D theory notebooks: <c>Linear(zDim, h) → ReLU → Linear(h, h) → ReLU →
/// Linear(h, outDim)</c>, no output squashing (samples live on the real line or plane). Input [N, zDim], output [N, outDim].
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed class ToyGenerator : nn.Module<Tensor, Tensor>
{
    readonly Linear input, hidden, output;
    readonly ReLU relu;

    /// <summary>Builds the generator.</summary>
    public ToyGenerator(int zDim = 1, int outDim = 1, int hidden = 32) : base(nameof(ToyGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(outDim, nameof(outDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        ZDim = zDim;
        OutDim = outDim;
        input = nn.Linear(zDim, hidden);
        this.hidden = nn.Linear(hidden, hidden);
        output = nn.Linear(hidden, outDim);
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>Length of the noise vector.</summary>
    public int ZDim { get; }

    /// <summary>Dimension of a sample.</summary>
    public int OutDim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise)
    {
        Require.Features(noise, ZDim, nameof(ToyGenerator), "noise");
        using var a1 = input.forward(noise);
        using var h1 = relu.forward(a1);
        using var a2 = hidden.forward(h1);
        using var h2 = relu.forward(a2);
        return output.forward(h2);
    }
}
