namespace GanCourse;

/// <summary>A dataset could not be found, fetched or verified; the message says what was tried and how to fix it.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the user can do about this failure, when something would help (gathered into a "To fix" line).</summary>
    internal string? Fix { get; init; }
}
