using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The DCGAN initialisation: convolution and transposed-convolution weights from N(0, 0.02²), as the DCGAN paper
/// specifies for all weights; batch-norm scales from N(1, 0.02²) and every bias zero, as in the PyTorch DCGAN tutorial
/// (the paper says nothing more about initialisation).
/// </summary>
public static class DcganInit
{
    /// <summary>Standard deviation of the initial weights (DCGAN paper, section 4).</summary>
    public const double Std = 0.02;

    /// <summary>Re-initialises every convolution and batch norm inside <paramref name="module"/>.</summary>
    public static void Apply(nn.Module module, Generator? generator = null)
    {
        using var _ = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    conv.weight!.normal_(0, Std, generator);
                    conv.bias?.zero_();
                    break;
                case ConvTranspose2d deconv:
                    deconv.weight!.normal_(0, Std, generator);
                    deconv.bias?.zero_();
                    break;
                case BatchNorm2d bn:
                    bn.weight!.normal_(1, Std, generator);
                    bn.bias!.zero_();
                    break;
            }
        }
    }
}
