using System.Diagnostics;
using System.Globalization;
using GanCourse;
using TorchSharp;
using static TorchSharp.torch;

// Trains the lecture's MLP GAN on MNIST with one configuration for several seeds and appends one CSV row per seed and
// evaluation step: what notebook 07's table of configurations is printed from. See README.md for the commands.
var culture = CultureInfo.InvariantCulture;
var options = Arguments.Parse(args);
Course.Setup(seed: 0, threads: options.Threads);
var scaling = options.Tanh ? Scaling.MinusOneOne : Scaling.ZeroOne;
using var train = Datasets.Load(DatasetName.Mnist, Split.Train, scaling);
using var test = Datasets.Load(DatasetName.Mnist, Split.Test);
var classifier = ClassifierCache.GetOrTrain(DatasetName.Mnist);
var real = test.Images.narrow(0, 0, 2 * options.Samples);

foreach (int seed in options.Seeds)
{
    Course.Reseed(seed);
    var generator = new MlpGenerator(zDim: 64, hidden: options.GeneratorHidden,
        output: options.Tanh ? OutputActivation.Tanh : OutputActivation.Sigmoid);
    var discriminator = new MlpDiscriminator(hidden: options.DiscriminatorHidden, dropout: options.Dropout,
        inputNoise: options.InputNoise);
    var trainerOptions = new GanTrainerOptions
    {
        BatchSize = options.Batch, ZDim = 64, Seed = seed, SnapshotSamples = 0, SnapshotAtEpochEnd = false,
        GeneratorLearningRate = options.GeneratorLr, DiscriminatorLearningRate = options.DiscriminatorLr,
        Beta1 = options.Beta1, Loss = GanLoss.NonSaturating.WithRealLabel(options.RealLabel), DiscriminatorSteps = options.K, RecordGradientNorms = false,
    };
    using var trainer = new GanTrainer(generator, discriminator, train.Flat, trainerOptions);
    var process = Process.GetCurrentProcess();
    var clock = Stopwatch.StartNew();
    var cpuStart = process.TotalProcessorTime;
    foreach (int step in options.EvaluateAt)
    {
        trainer.Run(step - trainer.Step);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var quality = SampleQuality.OfGenerator(classifier, real, generator, options.Samples, sampleSeed: 1000 + seed);
        var row = new SampleQualityRow(options.Name, seed, step, options.Batch, quality, seconds, cpuSeconds);
        SweepCsv.Append(options.Out, SampleQualityRow.Header, row.ToCsv());
        Console.WriteLine($"{options.Name} seed {seed} step {step}: {quality} ({seconds:F0} s, {cpuSeconds:F0} s CPU)");
        clock.Restart();
        process.Refresh();
        cpuStart = process.TotalProcessorTime;
    }
}

// seconds and cpu_seconds: the training since the previous row (wall clock and this process's CPU time).
sealed record SampleQualityRow(string Name, int Seed, int Step, int Batch, SampleQuality Quality, double Seconds, double CpuSeconds)
{
    public const string Header = "config,seed,step,batch,covered,largest_share,mean_confidence,frechet,floor,seconds,cpu_seconds";

    public string ToCsv() => string.Join(",",
        Name, Seed, Step, Batch, Quality.Coverage.Covered, F(Quality.LargestShare), F(Quality.Coverage.MeanConfidence),
        F(Quality.Frechet.Value), F(Quality.Frechet.Floor), Seconds.ToString("F1", CultureInfo.InvariantCulture),
        CpuSeconds.ToString("F1", CultureInfo.InvariantCulture));

    static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

sealed record Arguments(
    string Name, string Out, int[] Seeds, int[] EvaluateAt, int Samples, int Threads, bool Tanh, double RealLabel,
    double GeneratorLr, double DiscriminatorLr, double Beta1, int Batch, int GeneratorHidden, int DiscriminatorHidden,
    double Dropout, double InputNoise, int K)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--"))
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options look like --name value (see README.md).");
            string key = args[i][2..];
            if (key == "tanh") { flags.Add(key); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"--{key} needs a value.");
            values[key] = args[++i];
        }
        string[] known = ["name", "out", "seeds", "steps", "every", "samples", "threads", "real-label", "lr-g", "lr-d",
            "beta1", "batch", "g-hidden", "d-hidden", "dropout", "noise", "k"];
        foreach (var key in values.Keys)
            if (!known.Contains(key))
                throw new ArgumentException($"Unknown option --{key}; known: --tanh, {string.Join(", ", known.Select(k => "--" + k))}.");
        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (!values.ContainsKey("name")) throw new ArgumentException("--name is required: it labels the configuration in the CSV.");
        int steps = I("steps", 3000), every = I("every", steps);
        if (steps < 1 || every < 1) throw new ArgumentException("--steps and --every must be at least 1.");
        var at = Enumerable.Range(1, steps / every).Select(i => i * every).ToList();
        if (at.Count == 0 || at[^1] != steps) at.Add(steps);
        return new Arguments(
            values["name"], Get("out", "sweep.csv"),
            Get("seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            at.ToArray(), I("samples", 2000), I("threads", 2), flags.Contains("tanh"), D("real-label", 1),
            D("lr-g", 2e-4), D("lr-d", 2e-4), D("beta1", 0.5), I("batch", 128), I("g-hidden", 128), I("d-hidden", 128),
            D("dropout", 0), D("noise", 0), I("k", 1));
    }
}
