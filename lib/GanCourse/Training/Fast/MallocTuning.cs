using System.Runtime.InteropServices;

namespace GanCourse;

/// <summary>
/// Part of the speed machinery (Training/Fast), applied once per process by <see cref="Course.Setup"/> for both
/// training paths: glibc malloc settings that stop large tensor buffers (over 128 KB) being mmap'ed and unmapped on
/// every training step. Measured by tools/Bench (see its README). Set GAN_COURSE_MALLOC_TUNING=0 to leave malloc alone.
/// </summary>
public static class MallocTuning
{
    const int M_TRIM_THRESHOLD = -1, M_TOP_PAD = -2, M_MMAP_THRESHOLD = -3;

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int param, int value);

    /// <summary>Whether the tuning is in force in this process.</summary>
    public static bool Applied { get; private set; }

    /// <summary>Applies the tuning once, on Linux with glibc; returns whether it is in force.</summary>
    public static bool Apply()
    {
        if (Applied) return true;
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("GAN_COURSE_MALLOC_TUNING") == "0")
            return false;
        const int mmapThreshold = 32 << 20;
        try
        {
            Applied = Mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1
                      & Mallopt(M_TRIM_THRESHOLD, 2 * mmapThreshold) == 1
                      & Mallopt(M_TOP_PAD, 16 << 20) == 1;
        }
        catch (EntryPointNotFoundException) { Applied = false; } // not glibc (e.g. musl)
        catch (DllNotFoundException) { Applied = false; }
        return Applied;
    }
}
