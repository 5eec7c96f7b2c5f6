namespace NotebookRunner;

/// <summary>
/// The run's console output. On a terminal, the running notebook's progress line (see <see cref="CourseRunner"/>) is
/// redrawn in place and replaced by the notebook's result line when it finishes; otherwise (CI, a pipe, a log file)
/// progress is not printed at all, so the output is one line per finished notebook, any failure in full, and the summary.
/// </summary>
sealed class Terminal(TextWriter output, bool interactive, Func<int> width)
{
    const string ClearLine = "\r\x1b[K";

    readonly Lock gate = new();
    bool progressShown;

    /// <summary>Standard output; interactive when it is a terminal.</summary>
    public static Terminal ForConsole() =>
        new(Console.Out, !Console.IsOutputRedirected, () => Console.IsOutputRedirected ? 0 : Console.WindowWidth);

    public bool Interactive => interactive;

    /// <summary>Shows <paramref name="line"/> as the progress line (terminal only), cut to the window's width.</summary>
    public void Progress(string line)
    {
        if (!interactive) return;
        lock (gate)
        {
            int w = width();
            output.Write(ClearLine + (w > 10 && line.Length > w - 1 ? line[..(w - 2)] + "…" : line));
            output.Flush();
            progressShown = true;
        }
    }

    /// <summary>Prints a line, in place of the progress line if one is shown.</summary>
    public void Line(string text)
    {
        lock (gate)
        {
            if (progressShown) output.Write(ClearLine);
            progressShown = false;
            output.WriteLine(text);
            output.Flush();
        }
    }
}
