namespace NotebookRunner;

/// <summary>
/// The run's terminal output. Progress (notebook, cell i/n, elapsed) is redrawn in place on an interactive terminal
/// and printed as plain lines when the output is a log (CI).
/// </summary>
sealed class Terminal
{
    readonly bool interactive = !Console.IsErrorRedirected;
    readonly Lock gate = new();
    string? progress;

    public void Line(string text, bool isError = false)
    {
        lock (gate)
        {
            ClearProgress();
            (isError ? Console.Error : Console.Out).WriteLine(text);
            (isError ? Console.Error : Console.Out).Flush();
            if (progress != null && interactive) Console.Error.Write(progress);
        }
    }

    public void Progress(string text)
    {
        lock (gate)
        {
            if (!interactive)
            {
                Console.Error.WriteLine("  " + text);
                return;
            }
            ClearProgress();
            progress = "  " + (text.Length > Console.WindowWidth - 3 && Console.WindowWidth > 10 ? text[..(Console.WindowWidth - 4)] + "…" : text);
            Console.Error.Write(progress);
        }
    }

    /// <summary>Leaves the progress line (a notebook finished).</summary>
    public void EndProgress()
    {
        lock (gate)
        {
            ClearProgress();
            progress = null;
        }
    }

    void ClearProgress()
    {
        if (interactive && progress != null) Console.Error.Write("\r\x1b[K");
    }
}
