namespace GanCourse;

/// <summary>Where the course keeps its files.</summary>
public static class CoursePaths
{
    /// <summary>The file that marks the course's repository root.</summary>
    public const string SolutionFile = "course.sln";

    /// <summary>
    /// The course repository's root: the first folder holding course.sln found by walking up from the current
    /// directory, then from this library's own location; null when neither is inside the repository.
    /// </summary>
    public static string? RepositoryRoot =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(Path.GetDirectoryName(typeof(CoursePaths).Assembly.Location));

    /// <summary>
    /// The data folder: $GAN_COURSE_DATA if set, else the repository's data/ folder, else data/ under the course's
    /// cache folder (<see cref="NativeTorch.CacheRoot"/>). Datasets live in subfolders (mnist/, fashion-mnist/).
    /// </summary>
    public static string DataDirectory =>
        ResolveDataDirectory(Environment.GetEnvironmentVariable("GAN_COURSE_DATA"), RepositoryRoot, NativeTorch.CacheRoot());

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
