using TorchSharp;

namespace GanCourse;

/// <summary>What <see cref="Course.Setup"/> chose, printed at the top of every notebook.</summary>
public sealed record CourseEnvironment(
    string TorchSharpVersion, string Device, int Threads, int Seed, bool NativePatched, bool MallocTuned, string Runtime)
{
    /// <summary>The device as TorchSharp wants it.</summary>
    public torch.Device TorchDevice => torch.device(Device);

    public override string ToString() =>
        $"TorchSharp {TorchSharpVersion} on {Runtime} | device {Device} | {Threads} threads | seed {Seed}" +
        (NativePatched ? " | native library: weak-GLIBCXX copy (old libstdc++)" : "") +
        (MallocTuned ? " | malloc tuned" : "");
}

/// <summary>The one call a notebook or program makes first.</summary>
/// <remarks>Introduced in notebook 00.</remarks>
public static class Course
{
    /// <summary>The environment chosen by the last <see cref="Setup"/>.</summary>
    public static CourseEnvironment? Current { get; private set; }

    /// <summary>
    /// Loads TorchSharp's native library (working around old libstdc++), tunes malloc, sets the number of threads,
    /// seeds torch and <see cref="Rng"/>, and picks CUDA when present (unless <paramref name="device"/> says
    /// otherwise), else CPU. Calling it again re-seeds and re-applies the settings.
    /// </summary>
    /// <param name="seed">Seed for torch and the course's .NET random generator.</param>
    /// <param name="threads">Intra-op threads; default: all cores.</param>
    /// <param name="device">"cpu", "cuda" or null for automatic.</param>
    public static CourseEnvironment Setup(int seed = 0, int? threads = null, string? device = null)
    {
        if (threads is int t) Require.AtLeastOne(t, nameof(threads));
        if (device is not (null or "cpu" or "cuda"))
            throw new ArgumentException($"device must be \"cpu\", \"cuda\" or null (automatic), not \"{device}\".", nameof(device));

        NativeTorch.EnsureLoaded();
        bool tuned = MallocTuning.Apply();
        int n = threads ?? Environment.ProcessorCount;
        torch.set_num_threads(n);
        bool cuda = torch.cuda.is_available();
        if (device == "cuda" && !cuda)
            throw new InvalidOperationException("device \"cuda\" was asked for, but TorchSharp sees no CUDA GPU. " +
                                                "Use device: null or \"cpu\", or reference TorchSharp-cuda-linux on a GPU machine.");
        string chosen = device ?? (cuda ? "cuda" : "cpu");
        Reseed(seed);
        Current = new CourseEnvironment(
            typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?", chosen, torch.get_num_threads(), seed,
            NativeTorch.Patched, tuned, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        return Current;
    }

    /// <summary>Seeds torch (CPU and CUDA) and <see cref="Rng"/>.</summary>
    /// <remarks>Introduced in notebook 03.</remarks>
    public static void Reseed(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        Rng = new Random(seed);
    }

    /// <summary>The course's seeded .NET random generator (for shuffles and choices outside torch).</summary>
    public static Random Rng { get; private set; } = new(0);
}
