using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The verdict of one check of notebook 06b (build your own GAN): whether the student's code behaves as it must, and a
/// message saying what was checked or precisely what is wrong (without giving away the expected numbers).
/// </summary>
public sealed record BuildCheck(bool Passed, string Message)
{
    /// <summary>
    /// Prints the verdict under <paramref name="name"/> (a tick, or a cross with the message) like every exercise check,
    /// and throws when <see cref="Exercise.Strict"/> is on and the check failed. Returns <see cref="Passed"/>.
    /// </summary>
    public bool Report(string name) => Exercise.Check(name, Passed, Message);

    internal static BuildCheck Pass(string message) => new(true, message);

    internal static BuildCheck Fail(string message) => new(false, message);

    /// <summary>
    /// Runs the student's <paramref name="call"/>. Null when it returned a value; otherwise the failed check: "not
    /// written yet" for the placeholder's <see cref="NotImplementedException"/>, else what it threw, with a hint for
    /// the errors a GAN beginner meets.
    /// </summary>
    internal static BuildCheck? Run<T>(string what, Func<T> call, out T result) where T : class
    {
        result = null!;
        try
        {
            result = call();
        }
        catch (NotImplementedException)
        {
            return Fail($"{what} is not written yet (it still throws NotImplementedException): replace the placeholder " +
                        "in its cell with your code and run that cell again.");
        }
        catch (Exception e)
        {
            return Fail($"{what} threw {e.GetType().Name}: {FirstLine(e.Message)}{HintFor(e.Message)}");
        }
        if (result is null) return Fail($"{what} returned null: return the result instead.");
        return result is Tensor { IsInvalid: true }
            ? Fail($"{what} returned a tensor that was already disposed: one of its layers frees the tensor it hands on.")
            : null;
    }

    static string FirstLine(string message)
    {
        string line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + " ...";
    }

    static string HintFor(string message) => message switch
    {
        _ when message.Contains("between 0 and 1", StringComparison.Ordinal) =>
            ". binary_cross_entropy wants probabilities, but the discriminator returns logits: use " +
            "binary_cross_entropy_with_logits, which applies the sigmoid itself.",
        _ when message.Contains("a second time", StringComparison.Ordinal) =>
            ". One graph went through two backward() calls: detach the generated images in the D step, and in the G step " +
            "run D on G(z) afresh.",
        _ when message.Contains("inplace operation", StringComparison.Ordinal) =>
            ". The G loss used D's output from before dOpt.step() changed D's weights: in the G step run D on G(z) again.",
        _ when message.Contains("does not require grad", StringComparison.Ordinal) =>
            ". The loss is cut off from the weights: no .detach(), .item() or no_grad() on the way from the model to the loss.",
        _ => ".",
    };

    internal static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    internal static string Show(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Seeds torch's global generator for a check and restores the notebook's random state afterwards.</summary>
    internal sealed class FixedSeed : IDisposable
    {
        readonly Tensor state;

        public FixedSeed(long seed)
        {
            state = torch.get_rng_state().DetachFromDisposeScope();
            torch.manual_seed(seed);
        }

        public void Dispose()
        {
            torch.set_rng_state(state);
            state.Dispose();
        }
    }
}
