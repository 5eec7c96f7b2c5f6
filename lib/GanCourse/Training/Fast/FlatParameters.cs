using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Part of the fast path (Training/Fast): the parameters of one player moved into one contiguous buffer, each
/// parameter becoming a view of its slice (re-pointed with <c>set_</c>), and their gradients likewise (autograd
/// accumulates into an existing gradient in place). An optimizer step, a gradient norm or zeroing the gradients is then
/// one tensor operation instead of one per parameter. The parameters keep their identity, shapes and values; loading a
/// state dict still works (it copies in place).
/// </summary>
sealed class FlatParameters : IDisposable
{
    readonly (string Name, Parameter Parameter)[] parameters;
    readonly Tensor[] gradientViews;

    public FlatParameters(nn.Module module, string player)
    {
        parameters = [.. module.named_parameters()];
        if (parameters.Length == 0)
            throw new ArgumentException($"The {player} has no trainable parameters.");
        var first = parameters[0].Parameter;
        foreach (var (name, p) in parameters)
            if (p.dtype != first.dtype || p.device_type != first.device_type)
                throw new ArgumentException(
                    $"All parameters of the {player} must share one dtype and device; {name} is {p.dtype} on {p.device}, " +
                    $"{parameters[0].Name} is {first.dtype} on {first.device}.");

        long total = parameters.Sum(p => p.Parameter.numel());
        using var keep = NewDisposeScope();
        using (no_grad())
        {
            Values = empty(total, first.dtype, first.device);
            Gradients = zeros(total, first.dtype, first.device);
            gradientViews = new Tensor[parameters.Length];
            long offset = 0;
            for (int i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i].Parameter;
                long n = p.numel();
                var valueView = Values.narrow(0, offset, n).view(p.shape);
                valueView.copy_(p);
                p.set_(valueView);
                gradientViews[i] = Gradients.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }
        keep.Detach(Values, Gradients);
        keep.Detach(gradientViews);
        AttachGradients();
    }

    /// <summary>All parameter values, concatenated.</summary>
    public Tensor Values { get; }

    /// <summary>All gradients, concatenated.</summary>
    public Tensor Gradients { get; }

    /// <summary>
    /// Makes every parameter's gradient the view of its slice again (e.g. after someone called the module's
    /// zero_grad(), which sets gradients to None).
    /// </summary>
    public void AttachGradients()
    {
        for (int i = 0; i < parameters.Length; i++) parameters[i].Parameter.grad = gradientViews[i];
    }

    public void ZeroGradients() => Gradients.zero_();

    public void Dispose()
    {
        foreach (var g in gradientViews) g.Dispose();
        Values.Dispose();
        Gradients.Dispose();
    }
}
