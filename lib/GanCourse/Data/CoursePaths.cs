namespace GanCourse;

/// <summary>
/// Where the course keeps its files: the one home of these rules (the notebook runner compiles this same file in).
/// </summary>
public static class CoursePaths
{
    /// <summary>The file that marks the course's repository root.</summary>
    public const string SolutionFile = "course.sln";

    /// <summary>Set GAN_COURSE_DATA to keep the datasets in a folder of your choice.</summary>
    public const string DataVariable = "GAN_COURSE_DATA";

    /// <summary>Set GAN_COURSE_CACHE to keep the course's cache (packages, patched native library, downloads) elsewhere.</summary>
    public const string CacheVariable = "GAN_COURSE_CACHE";

    /// <summary>
    /// The course repository's root: the first folder holding course.sln found by walking up from the current
    /// directory, then from this library's own location; null when neither is inside the repository.
    /// </summary>
    public static string? RepositoryRoot =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(Path.GetDirectoryName(typeof(CoursePaths).Assembly.Location));

    /// <summary>The course's cache folder: $GAN_COURSE_CACHE, else $XDG_CACHE_HOME/gan-course, else ~/.cache/gan-course.</summary>
    public static string CacheRoot =>
        ResolveCacheRoot(Environment.GetEnvironmentVariable(CacheVariable), Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// The data folder: $GAN_COURSE_DATA if set, else the repository's data/ folder, else data/ under the course's
    /// cache folder (<see cref="CacheRoot"/>). Datasets live in subfolders (mnist/, fashion-mnist/).
    /// </summary>
    public static string DataDirectory =>
        ResolveDataDirectory(Environment.GetEnvironmentVariable(DataVariable), RepositoryRoot, CacheRoot);

    /// <summary>Where downloads are staged while they are fetched (downloads/ under <see cref="CacheRoot"/>).</summary>
    internal static string DownloadsDirectory => Path.Combine(CacheRoot, "downloads");

    internal static string ResolveCacheRoot(string? variable, string? xdgCacheHome, string home) =>
        !string.IsNullOrEmpty(variable) ? variable
        : Path.Combine(!string.IsNullOrEmpty(xdgCacheHome) ? xdgCacheHome : Path.Combine(home, ".cache"), "gan-course");

    internal static string ResolveDataDirectory(string? variable, string? repositoryRoot, string cacheRoot) =>
        !string.IsNullOrEmpty(variable) ? Path.GetFullPath(variable)
        : repositoryRoot != null ? Path.Combine(repositoryRoot, "data")
        : Path.Combine(cacheRoot, "data");

    static string? FindUp(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        return null;
    }
}
