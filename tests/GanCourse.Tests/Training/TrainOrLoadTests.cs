using Xunit;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>Checkpoints.TrainOrLoad: trains and saves, loads instead of training, resumes a shorter run; paths and names.</summary>
public class TrainOrLoadTests
{
    static Tensor Data() => TrainerFixtures.Gaussian1D(512, mean: 2, std: 0.5, seed: 3);

    static GanTrainer Trainer(Tensor data, string? savePath, int seed = 1)
    {
        torch.manual_seed(seed);
        var g = new ToyGenerator();
        var d = new ToyDiscriminator();
        return new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 64, ZDim = 1, SnapshotSamples = 8, SnapshotEvery = 10, SnapshotAtEpochEnd = false, ReportEvery = 5,
            CheckpointPath = savePath,
        });
    }

    [Fact]
    public void Trains_and_saves_then_a_second_call_loads_without_training()
    {
        string path = TrainerFixtures.TempPath("train-or-load");
        using var data = Data();
        try
        {
            using var first = Trainer(data, path);
            var trained = Checkpoints.TrainOrLoad(first, 30, path, load: true);
            Assert.False(trained.Loaded);
            Assert.Equal(30, trained.StepsTrained);
            Assert.Equal(Path.GetFullPath(path), trained.SavedTo);
            Assert.True(File.Exists(path));
            Assert.StartsWith("Trained 30 steps", trained.ToString());

            using var second = Trainer(data, savePath: null, seed: 99);     // other initial weights: loading must replace them
            var loaded = Checkpoints.TrainOrLoad(second, 30, path, load: true);
            Assert.True(loaded.Loaded);
            Assert.Equal(0, loaded.StepsTrained);
            Assert.Equal(30, loaded.LoadedStep);
            Assert.Equal(30, second.Step);
            Assert.Null(loaded.SavedTo);
            Assert.Contains("no training in this run", loaded.ToString());
            Assert.Equal(first.History.GeneratorLoss, second.History.GeneratorLoss);
            Assert.Equal(first.History.Snapshots.Count, second.History.Snapshots.Count);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_shorter_checkpoint_is_resumed_and_continues_exactly_like_an_uninterrupted_run()
    {
        string path = TrainerFixtures.TempPath("train-or-load-resume");
        using var data = Data();
        try
        {
            using var uninterrupted = Trainer(data, savePath: null);
            uninterrupted.Run(40);

            using var interrupted = Trainer(data, path);
            Checkpoints.TrainOrLoad(interrupted, 20, path);

            using var resumed = Trainer(data, path);
            var outcome = Checkpoints.TrainOrLoad(resumed, 40, path);
            Assert.True(outcome.Loaded);
            Assert.Equal(20, outcome.LoadedStep);
            Assert.Equal(20, outcome.StepsTrained);
            Assert.Equal(40, resumed.Step);
            Assert.Equal(uninterrupted.History.DiscriminatorLoss, resumed.History.DiscriminatorLoss);
            Assert.Contains("then trained 20 more steps", outcome.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void With_load_off_an_existing_checkpoint_is_ignored()
    {
        string path = TrainerFixtures.TempPath("train-or-load-ignore");
        using var data = Data();
        try
        {
            using var first = Trainer(data, path);
            Checkpoints.TrainOrLoad(first, 10, path);
            using var second = Trainer(data, savePath: null);
            var outcome = Checkpoints.TrainOrLoad(second, 15, path, load: false);
            Assert.False(outcome.Loaded);
            Assert.Equal(15, outcome.StepsTrained);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_checkpoint_of_other_models_says_how_to_fix_it()
    {
        string path = TrainerFixtures.TempPath("train-or-load-mismatch");
        using var data = Data();
        try
        {
            using (var toy = Trainer(data, path)) Checkpoints.TrainOrLoad(toy, 5, path);
            torch.manual_seed(0);
            using var other = new GanTrainer(new ToyGenerator(), new ToyDiscriminator(), data,
                new GanTrainerOptions { BatchSize = 32, ZDim = 1, SnapshotSamples = 8, ReportEvery = 5 });
            var e = Assert.Throws<InvalidDataException>(() => Checkpoints.TrainOrLoad(other, 5, path));
            Assert.Contains($"Cannot continue from the checkpoint {Path.GetFullPath(path)}", e.Message);
            Assert.Contains("was written with BatchSize = 64, but this trainer has 32", e.Message);
            Assert.Contains("delete it (or set useCheckpoints = false)", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Paths_follow_the_documented_layout_and_bad_names_are_refused()
    {
        Assert.Equal(Path.Combine("/x/checkpoints", "07-mnist-mlp-gan", "lecture.ckpt"),
            Checkpoints.PathFor("/x/checkpoints", "07-mnist-mlp-gan", "lecture"));
        Assert.Equal(Path.GetFullPath("/tmp/elsewhere"), Checkpoints.ResolveFolder("/tmp/elsewhere", "/repo", "/cache"));
        Assert.Equal(Path.Combine("/repo", "checkpoints"), Checkpoints.ResolveFolder(null, "/repo", "/cache"));
        Assert.Equal(Path.Combine("/cache", "checkpoints"), Checkpoints.ResolveFolder("", null, "/cache"));
        var e = Assert.Throws<ArgumentException>(() => Checkpoints.PathFor("../escape", "run"));
        Assert.Contains("not a valid checkpoint name", e.Message);
        Assert.Throws<ArgumentException>(() => Checkpoints.PathFor("07", "Run A"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoints.TrainOrLoad(Trainer(Data(), null), -1, "x.ckpt"));
    }
}

/// <summary>
/// TrainingLog without a notebook kernel (the headless fallback): it prints synchronously, one line per multiple of
/// Every, and the last report, each with steps/s and the time left. (In a kernel it updates one display instead; that
/// path is exercised by running a notebook through the real kernel.)
/// </summary>
[Collection("Console")] // one test redirects Console.Out
public class TrainingLogTests
{
    static TrainingProgress At(int step, int target) => new(step, target, 0, 0.5f, 0.7f, 0.6f, 0.4f, 10, TimeSpan.Zero);

    [Fact]
    public void Lines_show_the_speed_and_the_time_left_and_the_total_time_at_the_end()
    {
        Assert.Equal("step 100/3000 | epoch 0 | D loss 0.5000 | G loss 0.7000 | D(x) 0.600 | D(G(z)) 0.400 | 10.0 steps/s | 4 min 50 s left",
            At(100, 3000).ToString());
        Assert.Equal(TimeSpan.FromSeconds(290), At(100, 3000).TimeLeft);
        Assert.EndsWith("| 25.0 steps/s | 1 h 06 min left", (At(100, 100_000) with { StepsPerSecond = 25 }).ToString());
        Assert.EndsWith("| 10.0 steps/s | 42 s left", At(2580, 3000).ToString());
        Assert.EndsWith("| 0.0 steps/s | time left unknown", (At(5, 3000) with { StepsPerSecond = 0 }).ToString());
        Assert.EndsWith("| 10.0 steps/s | done in 1 min 36 s", (At(3000, 3000) with { Elapsed = TimeSpan.FromSeconds(95.6) }).ToString());
    }

    [Fact]
    public void Without_a_kernel_and_without_a_writer_it_prints_to_the_console()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Microsoft.DotNet.Interactive");
        var old = Console.Out;
        var console = new StringWriter();
        Console.SetOut(console);
        var log = new TrainingLog(100, "[run]");
        try
        {
            foreach (int step in new[] { 50, 100, 150 }) log.Report(At(step, 150));
        }
        finally { Console.SetOut(old); }
        Assert.Equal(2, log.Lines);
        Assert.Equal(["[run] step 100/150", "[run] step 150/150"], console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..18]));
    }

    [Fact]
    public void Prints_at_each_multiple_and_at_the_end()
    {
        var writer = new StringWriter();
        var log = new TrainingLog(100, "[run]", writer);
        foreach (int step in new[] { 50, 100, 150, 200, 250, 275 }) log.Report(At(step, 275));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, log.Lines);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[run] step 100/275", lines[0]);
        Assert.StartsWith("[run] step 200/275", lines[1]);
        Assert.StartsWith("[run] step 275/275", lines[2]);
    }

    [Fact]
    public void Reports_that_skip_a_multiple_print_once_and_resumed_runs_start_counting_where_they_are()
    {
        var writer = new StringWriter();
        var log = new TrainingLog(100, writer: writer);
        foreach (int step in new[] { 1030, 1090, 1130, 1260, 1500 }) log.Report(At(step, 2000));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "step 1130/2000", "step 1260/2000", "step 1500/2000" }, lines.Select(l => l[..14]).ToArray());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingLog(0));
        Assert.Contains("at least 1", e.Message);
    }
}
