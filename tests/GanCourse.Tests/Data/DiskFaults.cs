using System.Diagnostics;
using System.Runtime.Versioning;
using Xunit;

namespace GanCourse.Tests.Data;

/// <summary>Ways a folder refuses writes, as a user meets them.</summary>
public enum DiskFault
{
    /// <summary>A read-only bind mount of the folder onto itself (needs root): writes fail with EROFS.</summary>
    ReadOnlyMount,

    /// <summary>The immutable attribute (<c>chattr +i</c>, needs root): no entry may be added, removed or renamed (EPERM).</summary>
    Immutable,

    /// <summary>The folder's write permission removed (<c>chmod a-w</c>): stops any user but root (EACCES).</summary>
    NoWritePermission,

    /// <summary>A 1 MiB tmpfs mounted on the folder (needs root), then filled up: writes fail with ENOSPC.</summary>
    FullDisk,
}

/// <summary>
/// Applies a <see cref="DiskFault"/> to a folder and undoes it on dispose. Construct it with <c>applyNow: false</c> to
/// put the test's files in first (for <see cref="DiskFault.FullDisk"/> the folder is then already the small tmpfs), then
/// call <see cref="Apply"/>.
/// </summary>
[SupportedOSPlatform("linux")]
sealed class FaultyFolder : IDisposable
{
    readonly string path;
    readonly DiskFault fault;
    bool applied;

    public FaultyFolder(string path, DiskFault fault, bool applyNow = true)
    {
        this.path = path;
        this.fault = fault;
        if (fault == DiskFault.FullDisk) Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", path);
        if (applyNow) Apply();
    }

    /// <summary>Makes the folder refuse writes (done by the constructor unless told to wait).</summary>
    public void Apply()
    {
        switch (fault)
        {
            case DiskFault.ReadOnlyMount:
                Run("mount", "--bind", path, path);
                try { Run("mount", "-o", "remount,ro,bind", path); }
                catch { Run("umount", path); throw; }
                break;
            case DiskFault.Immutable:
                Run("chattr", "+i", path);
                break;
            case DiskFault.NoWritePermission:
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
                break;
            case DiskFault.FullDisk:
                FillUp();
                break;
        }
        applied = true;
    }

    /// <summary>Fills the tmpfs until a write fails for want of space.</summary>
    void FillUp()
    {
        using var filler = new FileStream(System.IO.Path.Combine(path, "filler"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        var chunk = new byte[4096];
        try
        {
            while (true) filler.Write(chunk);
        }
        catch (IOException)
        {
            // full
        }
        try
        {
            while (true) { filler.WriteByte(0); filler.Flush(); }
        }
        catch (IOException)
        {
            // full to the byte
        }
    }

    public void Dispose()
    {
        switch (fault)
        {
            case DiskFault.ReadOnlyMount when applied: Run("umount", path); break;
            case DiskFault.Immutable when applied: Run("chattr", "-i", path); break;
            case DiskFault.NoWritePermission when applied: File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite); break;
            case DiskFault.FullDisk: Run("umount", path); break;
        }
    }

    static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string err = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{file} {string.Join(" ", args)}` failed ({process.ExitCode}): {err.Trim()}");
    }

    /// <summary>Null when <paramref name="fault"/> works on this machine for this user; otherwise why not (probed once).</summary>
    public static string? WhyNot(DiskFault fault) => Probes[fault].Value;

    static readonly Dictionary<DiskFault, Lazy<string?>> Probes =
        Enum.GetValues<DiskFault>().ToDictionary(f => f, f => new Lazy<string?>(() => Probe(f)));

    static string? Probe(DiskFault fault)
    {
        using var dir = new TempDir();
        try
        {
            using var faulty = new FaultyFolder(dir.Path, fault);
            try
            {
                File.WriteAllBytes(dir.File("probe"), new byte[8192]);
                return $"{fault} does not stop this process writing (root ignores file permissions)";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return $"{fault} cannot be set up here: {e.Message}";
        }
    }
}

/// <summary>A fact that needs <see cref="DiskFault"/>: skipped, with the reason, where the fault cannot be made.</summary>
public sealed class DiskFaultFactAttribute : FactAttribute
{
    public DiskFaultFactAttribute(DiskFault fault)
    {
        if (!OperatingSystem.IsLinux()) Skip = $"{fault} is made with Linux tools";
        else if (FaultyFolder.WhyNot(fault) is string why) Skip = why;
    }
}
