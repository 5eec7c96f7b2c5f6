using System.Diagnostics;
using System.Text;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Execution;

/// <summary>The notebook process's line to the runner (see <see cref="ChildMessage"/>).</summary>
sealed class ParentChannel(Stream stdout)
{
    static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    readonly StreamWriter writer = new(stdout, new UTF8Encoding(false)) { AutoFlush = true };
    readonly Stopwatch sinceProgress = Stopwatch.StartNew();
    readonly Lock gate = new();

    public void Send(ChildMessage message)
    {
        lock (gate)
        {
            try { writer.WriteLine(message.Encode()); }
            catch (IOException) { /* the runner is gone; this process is killed with it */ }
        }
    }

    /// <summary>Sends the training progress in <paramref name="text"/>, if it holds any, at most four times a second.</summary>
    public void OfferProgress(string text)
    {
        string? line = Progress.Find(text);
        if (line == null) return;
        lock (gate)
        {
            if (sinceProgress.Elapsed < ProgressInterval) return;
            sinceProgress.Restart();
        }
        Send(new ChildMessage(ChildMessage.Progress, Text: line));
    }
}

/// <summary>The notebook's log file (DIR/name.log): best effort, so a full disk fails the notebook once, with a clear
/// message, rather than at every log line.</summary>
sealed class RunLog(string path)
{
    readonly Lock gate = new();
    bool broken;

    public void Write(string message)
    {
        lock (gate)
        {
            if (broken) return;
            try { File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {message}\n"); }
            catch (Exception e) when (Notebook.IsWriteFailure(e)) { broken = true; }
        }
    }
}
