using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookRunner.Execution;

/// <summary>What one notebook's run came to.</summary>
/// <param name="Status">One of the constants below.</param>
/// <param name="CellsRun">Code cells started (the failing one included).</param>
/// <param name="CodeCells">Code cells the runner would run (C# ones).</param>
/// <param name="Seconds">Wall time: process and kernel start-up, and the cells.</param>
/// <param name="Error">One line: what went wrong, naming the cell.</param>
/// <param name="Details">The failure in full (the error's traceback, or a crashed process's last lines).</param>
/// <param name="SkippedCells">Code cells of other kernels, not run.</param>
sealed record NotebookResult(
    string Status, int CellsRun, int CodeCells, double Seconds, string? Error, string? Details = null, int SkippedCells = 0)
{
    public const string Ok = "ok", Failed = "failed", TimedOut = "timeout", Crashed = "crashed", Unreadable = "unreadable", Skipped = "skipped";

    /// <summary>Whether the run counts as a success (a notebook of another language is skipped, not failed).</summary>
    [JsonIgnore]
    public bool Succeeded => Status is Ok or Skipped;
}

/// <summary>
/// A line the notebook process sends the runner on its standard output: a cell starts, a cell reports training
/// progress, or the notebook's result. A message is one line starting with <see cref="Prefix"/>; anything else on that
/// stream (a native library writing to the process's stdout) is not a message. The result travels this way, not in a
/// file, so it arrives even when the output folder's disk is full.
/// </summary>
sealed record ChildMessage(string Kind, int Cell = 0, int Cells = 0, string? Label = null, string? CellId = null,
    string? Text = null, NotebookResult? Result = null)
{
    public const string Prefix = "##notebook-runner ";
    public const string Start = "start", Progress = "progress", Done = "result";

    public string Encode() => Prefix + JsonSerializer.Serialize(this);

    /// <summary>The message in <paramref name="line"/>, or null when the line is not one.</summary>
    public static ChildMessage? Decode(string line)
    {
        int at = line.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0) return null;
        try { return JsonSerializer.Deserialize<ChildMessage>(line.AsSpan(at + Prefix.Length)); }
        catch (JsonException) { return null; }
    }
}
