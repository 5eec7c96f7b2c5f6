using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse.Bench;

/// <summary>One matrix multiply of a training step: C[M, N] = A[M, K] · B[K, N], and how autograd lays it out.</summary>
enum GemmKind { Forward, InputGrad, WeightGrad }

sealed record Gemm(string Where, GemmKind Kind, int Batch, int In, int Out)
{
    /// <summary>2·M·K·N multiply-adds counted as two FLOPs each.</summary>
    public double Flops => Kind switch
    {
        GemmKind.Forward => 2.0 * Batch * In * Out,   // [B, in] · [in, out]
        GemmKind.InputGrad => 2.0 * Batch * Out * In, // [B, out] · [out, in]
        _ => 2.0 * Out * Batch * In,                  // [out, B] · [B, in]
    };

    /// <summary>How peer.py's --gemms reads it: kind (F, I or W):batch:in:out.</summary>
    public string Spec => $"{Kind.ToString()[0]}:{Batch}:{In}:{Out}";
}

/// <summary>
/// Counts the GEMMs of one step of the lecture's MLP GAN from its layer widths. Per Linear layer (in → out) on a batch
/// of B rows: the forward pass is one GEMM of 2·B·in·out FLOPs; the backward pass is one more of the same size for the
/// weight gradient (if the weights need it) and one for the input gradient (if the input needs it: not for the
/// network's first layer when its input is data, noise or a detached fake).
/// </summary>
static class GemmCount
{
    public static readonly (int In, int Out)[] Generator = [(64, 128), (128, 256), (256, 512), (512, 1024), (1024, 784)];
    public static readonly (int In, int Out)[] Discriminator = [(784, 512), (512, 256), (256, 128), (128, 1)];

    static IEnumerable<Gemm> Forward(string where, (int In, int Out)[] layers, int b) =>
        layers.Select((l, i) => new Gemm($"{where} L{i + 1}", GemmKind.Forward, b, l.In, l.Out));

    static IEnumerable<Gemm> Backward(string where, (int In, int Out)[] layers, int b, bool weights, bool firstInput)
    {
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            if (weights) yield return new Gemm($"{where} L{i + 1}", GemmKind.WeightGrad, b, layers[i].In, layers[i].Out);
            if (i > 0 || firstInput) yield return new Gemm($"{where} L{i + 1}", GemmKind.InputGrad, b, layers[i].In, layers[i].Out);
        }
    }

    /// <summary>
    /// The lecture's loop (the assignment's code): D step = G(z₁) forward, D forward and backward on the detached
    /// fakes and on the reals; G step = G(z₂) forward, D forward, backward through D (weights and inputs, since D's
    /// parameters still require gradients) and through G. 53 GEMMs.
    /// </summary>
    public static List<Gemm> LectureStep(int b) =>
    [
        .. Forward("D-step G", Generator, b),
        .. Forward("D-step D(fake)", Discriminator, b),
        .. Backward("D-step D(fake)", Discriminator, b, weights: true, firstInput: false),
        .. Forward("D-step D(real)", Discriminator, b),
        .. Backward("D-step D(real)", Discriminator, b, weights: true, firstInput: false),
        .. Forward("G-step G", Generator, b),
        .. Forward("G-step D", Discriminator, b),
        .. Backward("G-step D", Discriminator, b, weights: true, firstInput: true),
        .. Backward("G-step G", Generator, b, weights: true, firstInput: false),
    ];

    /// <summary>
    /// GanTrainer's step: the same, except that D's parameters do not require gradients during the G step, so the
    /// four weight-gradient GEMMs of D there (whose results the lecture's loop throws away) are not computed. 49 GEMMs.
    /// </summary>
    public static List<Gemm> TrainerStep(int b) =>
        LectureStep(b).Where(g => !(g.Where.StartsWith("G-step D ") && g.Kind == GemmKind.WeightGrad)).ToList();
}

/// <summary>Times a list of GEMMs alone, with the shapes and transposition pattern autograd uses for Linear layers.</summary>
sealed class GemmReplay : IDisposable
{
    readonly List<(Gemm Gemm, Tensor A, Tensor B, Tensor? Bias)> work = [];

    public GemmReplay(IEnumerable<Gemm> gemms)
    {
        using var keep = NewDisposeScope();
        foreach (var g in gemms)
        {
            // forward: addmm(bias, x[B,in], W[out,in]ᵀ); input grad: mm(g[B,out], W[out,in]); weight grad: mm(g[B,out]ᵀ, x[B,in])
            var entry = g.Kind switch
            {
                GemmKind.Forward => (g, randn(g.Batch, g.In), randn(g.Out, g.In).t(), (Tensor?)randn(g.Out)),
                GemmKind.InputGrad => (g, randn(g.Batch, g.Out), randn(g.Out, g.In), (Tensor?)null),
                _ => (g, randn(g.Batch, g.Out).t(), randn(g.Batch, g.In), (Tensor?)null),
            };
            work.Add(entry);
        }
        keep.Detach(keep.DisposablesView.ToArray());
    }

    public double Flops => work.Sum(w => w.Gemm.Flops);

    /// <summary>Runs every GEMM once.</summary>
    public void RunOnce()
    {
        using var scope = NewDisposeScope();
        foreach (var (_, a, b, bias) in work)
            (bias is null ? mm(a, b) : addmm(bias, a, b, 1, 1)).Dispose();
    }

    public void Dispose()
    {
        foreach (var (_, a, b, bias) in work)
        {
            a.Dispose();
            b.Dispose();
            bias?.Dispose();
        }
    }
}
