using System.Diagnostics;
using System.Globalization;
using GanCourse;
using static TorchSharp.torch;

// Trains notebook 06's GAN on the ring of 8 Gaussians with one recipe for several seeds and appends one CSV row per
// seed and measured step: what notebook 06's choice of the quick profile's settings rests on. See README.md.
var options = Arguments.Parse(args);
Course.Setup(seed: 0, threads: options.Threads);
var ring = Toy2D.Ring(modes: 8, radius: 2, std: 0.02);
using var data = ring.Sample(50_000, seed: 1);   // the notebook's training set
var recipe = options.Recipe;

foreach (int seed in options.Seeds)
{
    var process = Process.GetCurrentProcess();
    var cpuStart = process.TotalProcessorTime;
    var history = recipe.Train(data, seed, options.Steps, options.Every);
    process.Refresh();
    double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
    var coverage = recipe.Coverage(history, ring);
    for (int k = 1; k < coverage.Length; k++)
    {
        using var points = recipe.Points(history.Snapshots[k]);
        var nearest = ring.AssignModes(points, withinStds: double.PositiveInfinity);
        double largest = nearest.GroupBy(m => m).Max(g => g.Count()) / (double)nearest.Length;
        var row = new RingRow(recipe.Name, seed, history.Snapshots[k].Step, coverage[k], largest, cpuSeconds);
        SweepCsv.Append(options.Out, RingRow.Header, row.ToCsv());
    }
    Console.WriteLine($"{recipe.Name} seed {seed}: {coverage[^1]} at step {options.Steps} ({cpuSeconds:F1} s CPU)");
}

// largest_share: the share of samples whose nearest mode is the most popular one (12.5% is a fair share; no distance
// limit). cpu_seconds: this process's CPU time for the whole run of that seed (training and snapshots).
sealed record RingRow(string Name, int Seed, int Step, RingCoverage Coverage, double LargestShare, double CpuSeconds)
{
    public const string Header = "config,seed,step,covered,high_quality,largest_share,cpu_seconds";

    public string ToCsv() => string.Join(",", Name, Seed, Step, Coverage.Covered, F(Coverage.HighQualityFraction),
        F(LargestShare), CpuSeconds.ToString("F1", CultureInfo.InvariantCulture));

    static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

sealed record Arguments(RingRecipe Recipe, string Out, int[] Seeds, int Steps, int Every, int Threads)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        string[] knownFlags = ["tanh", "batch-norm"];
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--"))
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options look like --name value (see README.md).");
            string key = args[i][2..];
            if (knownFlags.Contains(key)) { flags.Add(key); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"--{key} needs a value.");
            values[key] = args[++i];
        }
        string[] known = ["name", "out", "seeds", "steps", "every", "threads", "scale", "real-label", "k", "lr-g", "lr-d",
            "batch", "hidden", "z"];
        foreach (var key in values.Keys)
            if (!known.Contains(key))
                throw new ArgumentException($"Unknown option --{key}; known: {string.Join(", ", knownFlags.Concat(known).Select(k => "--" + k))}.");
        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (!values.ContainsKey("name")) throw new ArgumentException("--name is required: it labels the configuration in the CSV.");
        var plain = new RingRecipe(values["name"]);
        var recipe = plain with
        {
            Scale = D("scale", plain.Scale), Tanh = flags.Contains("tanh"), BatchNorm = flags.Contains("batch-norm"),
            RealLabel = D("real-label", plain.RealLabel), CriticSteps = I("k", plain.CriticSteps),
            GeneratorLearningRate = D("lr-g", plain.GeneratorLearningRate), DiscriminatorLearningRate = D("lr-d", plain.DiscriminatorLearningRate),
            BatchSize = I("batch", plain.BatchSize), Hidden = I("hidden", plain.Hidden), ZDim = I("z", plain.ZDim),
        };
        int steps = I("steps", 3000), every = I("every", 500);
        if (steps < 1 || every < 1) throw new ArgumentException("--steps and --every must be at least 1.");
        return new Arguments(recipe, Get("out", "sweep.csv"),
            Get("seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            steps, every, I("threads", 1));
    }
}
