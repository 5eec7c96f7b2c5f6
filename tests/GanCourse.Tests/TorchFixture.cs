using System.Runtime.CompilerServices;

namespace GanCourse.Tests;

static class TorchFixture
{
    /// <summary>Every test may touch torch: load its native library (old-libstdc++ fix included) before any test runs.</summary>
    [ModuleInitializer]
    internal static void LoadNativeTorch() => NativeTorch.EnsureLoaded();
}
