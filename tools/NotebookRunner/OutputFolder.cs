using System.Runtime.InteropServices;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>
/// The output folder, checked before any notebook runs: it can be created and written into (else a usage error saying
/// why and what to do), and paths are compared as the file system resolves them, so an output reached through a
/// symbolic link is still recognised as the source notebook it points at.
/// </summary>
static partial class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed, checks that a file can be written in it, and returns its
    /// real path (symbolic links resolved).</summary>
    public static string Prepare(string folder)
    {
        string full = Path.GetFullPath(folder);
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create the output folder {full}: {e.Message} {Fix(e)}");
        }
        string probe = Path.Combine(full, $".notebook-runner-write-check-{Environment.ProcessId}");
        try
        {
            using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write);
            file.Write(new byte[4096]); // a full disk refuses data, not always the empty file
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write into the output folder {full}: {e.Message} {Fix(e)}");
        }
        finally
        {
            try { File.Delete(probe); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the write failed already */ }
        }
        return RealPath(full);
    }

    /// <summary>What to do about a folder that cannot be written, following from the failure.</summary>
    static string Fix(Exception e)
    {
        const int ENOSPC = 28, EROFS = 30;
        return e switch
        {
            UnauthorizedAccessException => "Give yourself write permission on it, or choose a folder you can write with --out DIR.",
            IOException { HResult: ENOSPC } => "Free some space on that disk, or choose a folder on another disk with --out DIR.",
            IOException { HResult: EROFS } => "That file system is read-only: choose another folder with --out DIR.",
            _ => "Choose another folder with --out DIR.",
        };
    }

    /// <summary>
    /// The path with every symbolic link resolved (realpath(3)); for a file that does not exist yet, its folder's real
    /// path and its name.
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        nint resolved = realpath(full, 0);
        if (resolved == 0)
        {
            string? parent = Path.GetDirectoryName(full);
            return parent == null || parent == full ? full : Path.Combine(RealPath(parent), Path.GetFileName(full));
        }
        try { return Marshal.PtrToStringUTF8(resolved)!; }
        finally { free(resolved); }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    private static partial void free(nint pointer);
}
