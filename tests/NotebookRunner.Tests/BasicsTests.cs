using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>Runs Fixtures/basics (state, classes, display, TorchSharp, Plotly) once, with the HTML book.</summary>
public sealed class BasicsRun
{
    public RunResult Result { get; } = Runner.Run([Path.Combine(Runner.FixturesDirectory, "basics"), "--book"]);

    public ExecutedNotebook State => Result.Notebook("state-and-display");
    public ExecutedNotebook Torch => Result.Notebook("torch-and-plotly");
}

/// <summary>The basics run is shared by the notebook and the book tests.</summary>
[CollectionDefinition("basics")]
public sealed class BasicsCollection : ICollectionFixture<BasicsRun>;

[Collection("basics")]
public sealed class BasicsTests(BasicsRun run)
{
    [Fact]
    public void Every_notebook_succeeds_and_the_summary_says_so()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Matches(@"state-and-display\s+ok\s+10/10", run.Result.Stdout);
        Assert.Matches(@"torch-and-plotly\s+ok\s+7/7", run.Result.Stdout);
        Assert.Matches(@"total\s+2/2 ok", run.Result.Stdout);
        Assert.Empty(run.State.AllErrors());
        Assert.Empty(run.Torch.AllErrors());
    }

    [Fact]
    public void Executed_notebooks_are_valid_nbformat_4_5_with_unique_cell_ids()
    {
        NbFormat.AssertValid(run.State.Path, run.Torch.Path);
        foreach (ExecutedNotebook nb in new[] { run.State, run.Torch })
        {
            var ids = nb.Cells.Select(c => c["id"]!.GetValue<string>()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void The_source_notebooks_are_left_untouched()
    {
        foreach (string name in new[] { "state-and-display", "torch-and-plotly" })
        {
            var source = ExecutedNotebook.Load(Path.Combine(Runner.FixturesDirectory, "basics", name + ".ipynb"));
            Assert.All(source.Cells.Where(c => c["cell_type"]!.GetValue<string>() == "code"),
                c => Assert.Empty((JsonArray)c["outputs"]!));
        }
    }

    [Fact]
    public void State_carries_across_cells_and_classes_defined_in_a_cell_work_later()
    {
        Assert.Equal("counter is 42\n", run.State.Stream("c02"));
        // acc.Add(Square(3)); acc.Add(counter): 9 + 42, with Accumulator and Square from cell c03
        JsonObject result = Assert.Single(run.State.Outputs("c04"));
        Assert.Equal("execute_result", ExecutedNotebook.Type(result));
        Assert.Equal("51", result["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(3, result["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Execution_counts_follow_the_cells_that_ran_and_each_cell_records_its_timing()
    {
        string[] ran = ["c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c13", "c14"];
        Assert.Equal(Enumerable.Range(1, ran.Length).Select(i => (int?)i), ran.Select(run.State.ExecutionCount));
        foreach (string id in ran)
        {
            JsonObject metadata = (JsonObject)run.State.Cell(id)["metadata"]!;
            Assert.Equal("ok", metadata["notebook_runner"]!["status"]!.GetValue<string>());
            Assert.True(metadata["notebook_runner"]!["duration_seconds"]!.GetValue<double>() >= 0);
            var start = DateTime.Parse(metadata["execution"]!["iopub.execute_input"]!.GetValue<string>());
            var end = DateTime.Parse(metadata["execution"]!["shell.execute_reply"]!.GetValue<string>());
            Assert.True(end >= start);
        }
    }

    [Fact]
    public void Stdout_and_stderr_are_captured_in_the_order_written()
    {
        var streams = run.State.Outputs("c05").Select(o => (o["name"]!.GetValue<string>(), o["text"]!.GetValue<string>()));
        Assert.Equal([("stdout", "out 1\n"), ("stderr", "err 1\n"), ("stdout", "out 2\n")], streams);
    }

    [Fact]
    public void Display_formats_each_kind_of_value_by_mime_type()
    {
        var data = run.State.Outputs("c06").Select(o =>
        {
            Assert.Equal("display_data", ExecutedNotebook.Type(o));
            return (JsonObject)o["data"]!;
        }).ToList();
        Assert.Equal(6, data.Count);
        Assert.Equal("a plain string", data[0]["text/plain"]!.GetValue<string>());
        Assert.Equal("<b id=\"bold-html\">bold html</b>", data[1]["text/html"]!.GetValue<string>());
        Assert.Null(data[1]["text/plain"]);
        Assert.Equal("Point { X = 1, Y = 2 }", data[2]["text/plain"]!.GetValue<string>()); // .Display() extension
        Assert.Contains("<th>X</th><td>1</td>", data[2]["text/html"]!.GetValue<string>());
        Assert.Contains("<th>X</th><th>Y</th>", data[3]["text/html"]!.GetValue<string>()); // records as a table
        Assert.Contains("<tr><td>1</td><td>3</td><td>4</td></tr>", data[3]["text/html"]!.GetValue<string>());
        Assert.StartsWith("Point[] (2 items): [Point { X = 1, Y = 2 }", data[3]["text/plain"]!.GetValue<string>());
        Assert.Contains("<tr><td>b</td><td>2</td></tr>", data[4]["text/html"]!.GetValue<string>());
        Assert.StartsWith("iVBORw0KGgo", data[5]["image/png"]!.GetValue<string>());
    }

    [Fact]
    public void A_cells_last_expression_is_its_result_and_time_reports_wall_time()
    {
        var outputs = run.State.Outputs("c07");
        Assert.Equal("timed", outputs[0]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", outputs[1]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("async ok", Assert.Single(run.State.Outputs("c09"))["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("List<Int32> (3 items): [1, 4, 9]", Assert.Single(run.State.Outputs("c13"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Cells_run_in_the_notebooks_folder_as_in_vs_code()
    {
        Assert.Equal("basics", Assert.Single(run.State.Outputs("c14"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_displayed_value_can_be_updated_in_place()
    {
        Assert.Equal("step 2 of 2", Assert.Single(run.State.Outputs("c08"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Cells_of_other_kernels_are_skipped_with_a_note()
    {
        foreach (string id in new[] { "c10", "c11" })
        {
            Assert.Null(run.State.ExecutionCount(id));
            Assert.Contains("skipped: this cell is for the 'fsharp' kernel", run.State.Stream(id, "stderr"));
        }
        Assert.Contains("c10", run.Result.Stderr); // the terminal says so too
    }

    [Fact]
    public void A_torch_module_class_defined_in_a_cell_runs_in_a_later_cell()
    {
        Assert.Equal("output shape: 5x1, parameters: 4\n", run.Torch.Stream("c05"));
    }

    [Fact]
    public void Tensors_show_shape_dtype_and_values_as_text()
    {
        JsonObject data = (JsonObject)Assert.Single(run.Torch.Outputs("c06"))["data"]!;
        Assert.Equal("[2x3], type = Float32, device = cpu\n 0 1 2\n 3 4 5\n", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Plotly_charts_are_html_without_plotly_js_plus_the_plotly_mime_type()
    {
        foreach (string id in new[] { "c07", "c08" })
        {
            JsonObject data = (JsonObject)Assert.Single(run.Torch.Outputs(id))["data"]!;
            string html = data["text/html"]!.GetValue<string>();
            Assert.StartsWith("<div id=\"plotly-", html);
            Assert.Contains("Plotly.newPlot(", html);
            Assert.True(html.Length < 50_000, $"the chart HTML is {html.Length} characters: plotly.js must not be inlined");
            JsonObject figure = (JsonObject)data["application/vnd.plotly.v1+json"]!;
            Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        }
        var line = (JsonObject)run.Torch.Outputs("c07")[0]["data"]!["application/vnd.plotly.v1+json"]!;
        Assert.Equal("[1.0,3.0,2.0,4.0]", line["data"]![0]!["y"]!.ToJsonString());
    }

    [Fact]
    public void The_terminal_shows_progress_per_cell_with_elapsed_time()
    {
        Assert.Matches(@"torch-and-plotly  cell 3/7  \[\d\d:\d\d\.\d\]", run.Result.Stderr);
    }
}
