namespace NotebookRunner.Tests;

/// <summary>The runner's terminal output with and without a terminal (off a terminal see also BasicsTests/ErrorTests).</summary>
public sealed class ProgressTests
{
    static string Training => Path.Combine(Runner.FixturesDirectory, "progress", "training.ipynb");

    [Fact]
    public void On_a_terminal_one_progress_line_shows_the_cell_the_elapsed_time_and_the_training_progress()
    {
        // script(1) gives the runner a pseudo-terminal as its stdout.
        RunResult r = Runner.Run([Training], wrapper: ["bash", "-c", "exec script -qefc \"$(printf '%q ' \"$@\")\" /dev/null", "bash"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] redraws = r.Stdout.Split("\r\u001b[K");
        Assert.Contains(redraws, d => d.StartsWith("[1/1] training  starting the kernel  0:", StringComparison.Ordinal));
        Assert.Contains(redraws, d => System.Text.RegularExpressions.Regex.IsMatch(d, @"^\[1/1\] training  cell 1/1  \d:\d\d  step [1-4]/4 \| epoch 0 \| D loss 0\.6931$"));
        // the progress line is replaced by the notebook's result line, then the summary follows
        Assert.Matches(@"\r\u001b\[K\[1/1\] training: ok, 1 cell in \d+\.\d s\r?\n", r.Stdout);
        Assert.Matches(@"training\s+ok\s+1/1", r.Stdout);
    }

    [Fact]
    public void Off_a_terminal_there_is_no_progress_line_only_the_result()
    {
        RunResult r = Runner.Run([Training]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("[1/1] training: ok, 1 cell in ", r.Stdout);
        Assert.DoesNotContain("step 4/4", r.Stdout);
        Assert.DoesNotContain("\u001b", r.Stdout);
        Assert.Equal("step 1/4 | epoch 0 | D loss 0.6931\nstep 2/4 | epoch 0 | D loss 0.6931\nstep 3/4 | epoch 0 | D loss 0.6931\nstep 4/4 | epoch 0 | D loss 0.6931\n",
            r.Notebook("training").Stream("c01"));
    }
}
