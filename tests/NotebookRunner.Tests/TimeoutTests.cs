using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public void A_cell_running_past_the_timeout_stops_the_notebook_with_an_error()
    {
        RunResult r = Runner.Run([Path.Combine(Runner.FixturesDirectory, "timeout"), "--cell-timeout", "10"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"timeout\s+timeout\s+2/3", r.Stdout);

        ExecutedNotebook nb = r.Notebook("timeout");
        Assert.Equal("before the slow cell\n", nb.Stream("c01"));
        var error = nb.Error("c02");
        Assert.Equal("CellTimeout", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 2 [id c02] was still running after 10 s, the cell timeout; the notebook was stopped.", error["evalue"]!.GetValue<string>());
        // The slow cell sleeps 60 s: it was stopped at the timeout, not when it finished.
        double seconds = nb.Cell("c02")["metadata"]!["notebook_runner"]!["duration_seconds"]!.GetValue<double>();
        Assert.InRange(seconds, 10, 40);
        Assert.Null(nb.ExecutionCount("c03"));
        NbFormat.AssertValid(nb.Path);
    }
}
