using System.Diagnostics;
using System.Globalization;
using GanCourse;
using static TorchSharp.torch;

// Trains notebook 08's DCGAN on Fashion-MNIST with one configuration for several seeds and appends one CSV row per seed
// and evaluation step: what notebook 08's choice of quick-profile settings is made from. See README.md for the commands.
var options = Arguments.Parse(args);
Course.Setup(seed: 0, threads: options.Threads);
using var train = Datasets.Load(DatasetName.FashionMnist, Split.Train, Scaling.MinusOneOne);
using var test = Datasets.Load(DatasetName.FashionMnist, Split.Test);
var classifier = ClassifierCache.GetOrTrain(DatasetName.FashionMnist);
using var real = test.Images.narrow(0, 0, 2 * options.Samples);

foreach (int seed in options.Seeds)
{
    Course.Reseed(seed);
    var generator = new DcganGenerator(zDim: 64, features: options.GeneratorFeatures, output: OutputActivation.Tanh);
    var discriminator = new DcganDiscriminator(features: options.DiscriminatorFeatures);
    var trainerOptions = new GanTrainerOptions
    {
        BatchSize = options.Batch, ZDim = 64, Seed = seed, SnapshotSamples = 0, SnapshotAtEpochEnd = false,
        GeneratorLearningRate = options.GeneratorLr, DiscriminatorLearningRate = options.DiscriminatorLr,
        Beta1 = options.Beta1, Loss = GanLoss.NonSaturating.WithRealLabel(options.RealLabel), RecordGradientNorms = false,
    };
    using var trainer = new GanTrainer(generator, discriminator, train.Images, trainerOptions);
    var process = Process.GetCurrentProcess();
    var clock = Stopwatch.StartNew();
    var cpuStart = process.TotalProcessorTime;
    foreach (int step in options.EvaluateAt)
    {
        trainer.Run(step - trainer.Step);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        SampleQuality quality;
        using (var images = generator.SampleImages(options.Samples, seed: 1000 + seed))
            quality = SampleQuality.Of(classifier, real, images);
        var row = new SweepRow(options, seed, step, quality, seconds, cpuSeconds);
        SweepCsv.Append(options.Out, SweepRow.Header, row.ToCsv());
        Console.WriteLine($"{options.Name} seed {seed} step {step}: {quality}, confidence {quality.Coverage.MeanConfidence:P0} " +
                          $"({seconds:F0} s, {cpuSeconds:F0} s CPU)");
        clock.Restart();
        process.Refresh();
        cpuStart = process.TotalProcessorTime;
    }
}

// seconds and cpu_seconds: the training since the previous row (wall clock and this process's CPU time).
sealed record SweepRow(Arguments Options, int Seed, int Step, SampleQuality Quality, double Seconds, double CpuSeconds)
{
    public const string Header = "config,seed,step,g_features,d_features,batch,real_label,lr_g,lr_d,covered,largest_share," +
                                 "mean_confidence,frechet,floor,samples,seconds,cpu_seconds";

    public string ToCsv() => string.Join(",",
        Options.Name, Seed, Step, Options.GeneratorFeatures, Options.DiscriminatorFeatures, Options.Batch,
        F(Options.RealLabel), F(Options.GeneratorLr), F(Options.DiscriminatorLr), Quality.Coverage.Covered,
        F(Quality.LargestShare), F(Quality.Coverage.MeanConfidence), F(Quality.Frechet.Value), F(Quality.Frechet.Floor),
        Quality.Samples, Seconds.ToString("F1", CultureInfo.InvariantCulture), CpuSeconds.ToString("F1", CultureInfo.InvariantCulture));

    static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}

sealed record Arguments(
    string Name, string Out, int[] Seeds, int[] EvaluateAt, int Samples, int Threads, int GeneratorFeatures,
    int DiscriminatorFeatures, int Batch, double RealLabel, double GeneratorLr, double DiscriminatorLr, double Beta1)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--"))
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options look like --name value (see README.md).");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.");
            values[args[i][2..]] = args[++i];
        }
        string[] known = ["name", "out", "seeds", "steps", "every", "samples", "threads", "features", "g-features",
            "d-features", "batch", "real-label", "lr-g", "lr-d", "beta1"];
        foreach (var key in values.Keys)
            if (!known.Contains(key))
                throw new ArgumentException($"Unknown option --{key}; known: {string.Join(", ", known.Select(k => "--" + k))}.");
        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (!values.ContainsKey("name")) throw new ArgumentException("--name is required: it labels the configuration in the CSV.");
        int steps = I("steps", 1200), every = I("every", steps);
        if (steps < 1 || every < 1) throw new ArgumentException("--steps and --every must be at least 1.");
        var at = Enumerable.Range(1, steps / every).Select(i => i * every).ToList();
        if (at.Count == 0 || at[^1] != steps) at.Add(steps);
        int features = I("features", 16);
        return new Arguments(
            values["name"], Get("out", "sweep.csv"),
            Get("seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            at.ToArray(), I("samples", 2000), I("threads", 1), I("g-features", features), I("d-features", features),
            I("batch", 128), D("real-label", 1), D("lr-g", 2e-4), D("lr-d", 2e-4), D("beta1", 0.5));
    }
}
