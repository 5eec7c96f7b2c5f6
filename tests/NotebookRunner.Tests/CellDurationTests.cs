using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>A cell's recorded duration is a plausible number of seconds, not merely non-negative.</summary>
[Collection("basics")]
public sealed class CellDurationTests(BasicsRun run)
{
    [Fact]
    public void A_cell_that_sleeps_records_at_least_its_sleep_and_about_its_own_timestamps()
    {
        // Cell c07 sleeps 20 ms. Its duration must cover that sleep, be in seconds (not milliseconds: 20 ms would read
        // as 20), and agree with the cell's own start and end timestamps.
        JsonObject metadata = (JsonObject)run.State.Cell("c07")["metadata"]!;
        double seconds = metadata["notebook_runner"]!["duration_seconds"]!.GetValue<double>();
        var start = DateTime.Parse(metadata["execution"]!["iopub.execute_input"]!.GetValue<string>());
        var end = DateTime.Parse(metadata["execution"]!["shell.execute_reply"]!.GetValue<string>());
        Assert.InRange(seconds, 0.02, 60);
        Assert.InRange(seconds, (end - start).TotalSeconds - 1, (end - start).TotalSeconds + 1);
    }
}
