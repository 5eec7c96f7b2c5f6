using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Adam for a training loop written in a notebook: <c>torch.optim.Adam</c>'s algorithm (bias correction, no weight
/// decay, ε = 1e-8) over all parameters of one module, used like TorchSharp's optimizers:
/// <code>
/// using var optD = new CourseAdam(D, lr: 2e-4, beta1: 0.5);
/// optD.zero_grad(); loss.backward(); optD.step();
/// </code>
/// It exists because TorchSharp 0.107's <c>optim.Adam</c> makes temporary Scalars in every step, which the finalizer
/// can free while libtorch still reads them (see <see cref="TorchOptimizer"/>); this one runs the course trainer's fast
/// path (<see cref="FlatParameters"/> and the fused step of <see cref="FastOptimizer"/>), which makes none.
/// Clear the gradients with this optimizer's <see cref="zero_grad"/>: the module's own <c>zero_grad()</c> detaches
/// them from the buffer this optimizer reads.
/// </summary>
/// <remarks>Introduced in notebook 06b.</remarks>
public sealed class CourseAdam : IDisposable
{
    readonly FlatParameters flat;
    readonly FastOptimizer optimizer;   // owns flat

    /// <summary>An Adam optimizer over every parameter of <paramref name="module"/>.</summary>
    /// <param name="module">The model to train (its parameters must share one dtype and device).</param>
    /// <param name="lr">Learning rate (the lecture: 1e-5; the DCGAN recipe: 2e-4).</param>
    /// <param name="beta1">Decay of the running mean of gradients (torch's default 0.9; DCGAN: 0.5).</param>
    /// <param name="beta2">Decay of the running mean of squared gradients.</param>
    public CourseAdam(nn.Module module, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(lr > 0 && double.IsFinite(lr)))
            throw new ArgumentOutOfRangeException(nameof(lr), lr, "lr (the learning rate) must be a positive number, e.g. 2e-4.");
        if (!(beta1 >= 0 && beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must lie in [0, 1), e.g. 0.5 or 0.9.");
        if (!(beta2 >= 0 && beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must lie in [0, 1), e.g. 0.999.");
        flat = new FlatParameters(module, $"module {module.GetType().Name}");
        optimizer = new FastOptimizer(flat, OptimizerKind.Adam, lr, beta1, beta2, momentum: 0);
    }

    /// <summary>The learning rate.</summary>
    public double LearningRate => optimizer.LearningRate;

    /// <summary>Updates taken so far.</summary>
    public long Steps => optimizer.Steps;

    /// <summary>
    /// Sets every gradient of the module to zero (call it before each <c>backward()</c> of this player's loss). Named
    /// like torch's, so a notebook's loop reads like PyTorch and TorchSharp.
    /// </summary>
    public void zero_grad()
    {
        optimizer.ZeroGrad();
    }

    /// <summary>One Adam update of the module's parameters from their current gradients.</summary>
    public void step()
    {
        BeforeStep?.Invoke();
        optimizer.Step(gradientNorm: false);
        AfterStep?.Invoke();
    }

    /// <summary>All gradients, concatenated (what <see cref="step"/> reads); for the exercise checks.</summary>
    internal Tensor Gradients => flat.Gradients;

    /// <summary>All parameter values, concatenated; for the exercise checks.</summary>
    internal Tensor Values => flat.Values;

    /// <summary>Called by the exercise checks before and after each update.</summary>
    internal Action? BeforeStep, AfterStep;

    /// <inheritdoc/>
    public void Dispose() => optimizer.Dispose();
}
