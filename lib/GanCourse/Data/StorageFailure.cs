namespace GanCourse;

/// <summary>
/// Failures of the disk rather than of a download: a folder the course must write is not writable (permissions, an
/// immutable attribute, a read-only mount) or its disk is full. No other download route can help with these, so the
/// error says how to fix the folder instead.
/// </summary>
static class StorageFailure
{
    const int ENOSPC = 28, EROFS = 30, EDQUOT = 122;
    const int WindowsWriteProtect = unchecked((int)0x80070013);
    const int WindowsHandleDiskFull = unchecked((int)0x80070027), WindowsDiskFull = unchecked((int)0x80070070);

    enum Kind { NotPermitted, ReadOnly, Full }

    static Kind? Classify(Exception e) => e switch
    {
        UnauthorizedAccessException => Kind.NotPermitted,
        IOException { HResult: EROFS or WindowsWriteProtect } => Kind.ReadOnly,
        IOException { HResult: ENOSPC or EDQUOT or WindowsDiskFull or WindowsHandleDiskFull } => Kind.Full,
        _ => null,
    };

    /// <summary>Whether <paramref name="e"/> is such a failure.</summary>
    internal static bool Is(Exception e) => Classify(e) != null;

    /// <summary>
    /// What to do about <paramref name="e"/> (for which <see cref="Is"/> holds) in <paramref name="folder"/>;
    /// <paramref name="variable"/> is the environment variable that moves the folder elsewhere.
    /// </summary>
    internal static string Fix(Exception e, string folder, string variable)
    {
        string fix = Classify(e) switch
        {
            Kind.Full => $"free space on the disk that holds {folder} (a dataset's four files take about 55 MB, and that much " +
                         $"again must be free while they are fetched), or point {variable} at a folder on a disk with room",
            Kind.ReadOnly => $"{folder} is on a read-only file system: remount it read-write, or point {variable} at a folder you can write",
            _ => $"make {folder} writable for you (check its owner and permissions: `ls -ld {folder}`; an immutable " +
                 $"attribute shows in `lsattr -d {folder}`), " +
                 $"or point {variable} at a folder you can write",
        };
        return $"{fix} (e.g. `export {variable}=$HOME/gan-course-{(variable == CoursePaths.DataVariable ? "data" : "cache")}`)";
    }

    /// <summary>
    /// The whole error for <paramref name="e"/>, met in <paramref name="folder"/>: "Cannot write into <paramref name="folder"/>,
    /// so <paramref name="consequence"/>: ...", then <paramref name="details"/> if any, then the fix.
    /// </summary>
    internal static DatasetUnavailableException Error(string consequence, string folder, string variable, Exception e, string? details = null)
    {
        string fix = Fix(e, folder, variable);
        return new DatasetUnavailableException(
            $"Cannot write into {folder}, so {consequence}: {e.Message}\n{(details is null ? "" : details + "\n")}" +
            $"To fix: {fix}; then run again (or `./course data`).", e)
        {
            Fix = fix,
        };
    }
}
