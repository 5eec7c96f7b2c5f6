using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GanCourse;

/// <summary>
/// The course's one way of writing files so that a reader never sees a half-written one: the content goes to a
/// temporary beside the target, which is renamed over the target only once it is complete. On failure the temporary
/// is deleted. Every temporary is named <c>.&lt;label&gt;.&lt;pid&gt;.&lt;random&gt;.tmp</c> after the process that
/// owns it, so one left by a killed process is recognised and removed by <see cref="RemoveStale"/>.
/// </summary>
static partial class AtomicFile
{
    /// <summary>A temporary name in <paramref name="folder"/>, unique to this process and call.</summary>
    internal static string TemporaryPath(string folder, string label) =>
        Path.Combine(folder, $".{label}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically (flushed to disk before the rename).</summary>
    internal static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = TemporaryPath(folder, Path.GetFileName(full));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Creates the folder <paramref name="path"/> filled by <paramref name="fill"/> (given a temporary folder to fill),
    /// renamed into place when complete: another process sees either no folder or a complete one. When another
    /// process renamed its folder into place first, that one is kept and <paramref name="isComplete"/> must hold for it.
    /// </summary>
    internal static void CreateDirectory(string path, Action<string> fill, Func<bool> isComplete)
    {
        string full = Path.GetFullPath(path);
        using var temp = new TemporaryFolder(Path.GetDirectoryName(full)!, Path.GetFileName(full));
        fill(temp.Path);
        try
        {
            Directory.Move(temp.Path, full);
        }
        catch (IOException) when (isComplete())
        {
            // Another process finished first; its folder serves as well.
        }
    }

    /// <summary>
    /// A temporary folder in a parent folder (created with it), deleted with everything in it on dispose: fill it,
    /// check what is in it, then <see cref="MoveInto"/> the files to their place.
    /// </summary>
    internal sealed class TemporaryFolder : IDisposable
    {
        internal TemporaryFolder(string parent, string label)
        {
            Directory.CreateDirectory(parent);
            Path = TemporaryPath(parent, label);
            Directory.CreateDirectory(Path);
        }

        internal string Path { get; }

        /// <summary>Renames the named files from this folder into <paramref name="folder"/>, replacing what is there.</summary>
        internal void MoveInto(string folder, IEnumerable<string> names)
        {
            foreach (string name in names)
                File.Move(System.IO.Path.Combine(Path, name), System.IO.Path.Combine(folder, name), overwrite: true);
        }

        public void Dispose()
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
    }

    // .<label>.<pid>.<random>.tmp; also .staging-<pid>-<random>, the staging folders of course versions before this scheme.
    [GeneratedRegex(@"^\..+[.-](?<pid>[0-9]+)[.-][0-9a-f]{32}(\.tmp)?$")]
    private static partial Regex TemporaryName();

    /// <summary>
    /// Deletes the temporaries in <paramref name="folder"/> whose owning process no longer runs (a killed download or
    /// write), reporting each one to <paramref name="log"/>. Those of running processes, and everything not named
    /// like a temporary, are left alone; so is whatever cannot be deleted (a read-only folder stays as it is).
    /// </summary>
    internal static void RemoveStale(string folder, IProgress<string>? log)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos(".*"))
        {
            var match = TemporaryName().Match(entry.Name);
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, out int pid) || IsRunning(pid)) continue;
            try
            {
                if (entry is DirectoryInfo dir) dir.Delete(recursive: true);
                else entry.Delete();
                log?.Report($"removed {entry.FullName}, left behind by process {pid}, which no longer runs");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to delete, or the folder is read-only: leave it.
            }
        }
    }

    static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        // Without /proc (an unusual container) nothing can be told apart: treat every owner as running.
        if (OperatingSystem.IsLinux()) return !Directory.Exists("/proc/self") || Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
