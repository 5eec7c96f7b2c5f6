namespace NotebookRunner.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public void A_cell_running_past_the_timeout_stops_the_notebook_with_an_error()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunResult r = Runner.Run([Path.Combine(Runner.FixturesDirectory, "timeout"), "--cell-timeout", "10"]);
        // The slow cell sleeps 60 s: finishing well before that shows the timeout stopped it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"the run took {clock.Elapsed}");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"timeout\s+timeout\s+2/3", r.Stdout);

        ExecutedNotebook nb = r.Notebook("timeout");
        Assert.Equal("before the slow cell\n", nb.Stream("c01"));
        var error = nb.Error("c02");
        Assert.Equal("CellTimeout", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 2 [id c02] was still running after 10 s, the cell timeout; the notebook was stopped.", error["evalue"]!.GetValue<string>());
        Assert.Null(nb.ExecutionCount("c03"));
        NbFormat.AssertValid(nb.Path);
    }
}
