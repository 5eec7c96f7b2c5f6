using System.Runtime.InteropServices;

namespace NotebookRunner.Execution;

/// <summary>
/// Ties a notebook process's life to the runner that started it: when the runner dies, however it dies (SIGTERM from
/// <c>timeout</c>, SIGKILL, a crash), Linux sends this process SIGKILL, so no notebook keeps running at full CPU with no
/// cell timeout enforced. (PR_SET_PDEATHSIG fires when the thread that started this process ends: the runner starts
/// every notebook from its main thread, which lives as long as the runner.)
/// </summary>
static partial class ParentDeath
{
    const int PR_SET_PDEATHSIG = 1, SIGKILL = 9;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc")]
    private static partial int getppid();

    /// <summary>Asks for SIGKILL when the parent <paramref name="parentPid"/> dies; exits at once if it already has.</summary>
    public static void KillMeWith(int parentPid)
    {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_PDEATHSIG) failed with errno {Marshal.GetLastPInvokeError()}");
        if (getppid() != parentPid) Environment.Exit(1); // the runner died before the request took effect
    }
}
