namespace GanCourse;

// The cache root has a file of its own, free of TorchSharp, so the notebook runner compiles this very file (linked) and
// both agree on where the course caches things. No access modifier here: NativeTorch.cs makes the class public in the
// library, while the runner's copy stays internal and cannot clash with GanCourse.dll in the notebooks it runs.
static partial class NativeTorch
{
    /// <summary>The course's cache folder: $GAN_COURSE_CACHE, else $XDG_CACHE_HOME/gan-course, else ~/.cache/gan-course.</summary>
    public static string CacheRoot()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable("GAN_COURSE_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string baseDir = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "gan-course");
    }
}
