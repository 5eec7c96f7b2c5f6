using System.Diagnostics;
using System.Globalization;
using GanCourse;
using TorchSharp;
using static TorchSharp.torch;

// Trains notebook 09's GANs on its 50,000 MNIST training images with one configuration for several seeds and appends
// one CSV row per seed and evaluation step: the conditional GAN's asked-digit accuracy (per digit and overall), or,
// with --unconditional, the standard GAN's classes covered. See README.md for the commands.
var options = Arguments.Parse(args);
Course.Setup(seed: 0, threads: options.Threads);
using var train = Datasets.Load(DatasetName.Mnist, Split.Train, options.Tanh ? Scaling.MinusOneOne : Scaling.ZeroOne);
using var test = Datasets.Load(DatasetName.Mnist, Split.Test);
var images = train.Flat.narrow(0, 0, 50_000);
var labels = train.Labels.narrow(0, 0, 50_000);
var classifier = ClassifierCache.GetOrTrain(DatasetName.Mnist);
var real = test.Images.narrow(0, 0, 2 * options.Samples);
var output = options.Tanh ? OutputActivation.Tanh : OutputActivation.Sigmoid;

foreach (int seed in options.Seeds)
{
    Course.Reseed(seed);
    var trainerOptions = new GanTrainerOptions
    {
        BatchSize = 128, ZDim = 64, Seed = seed, SnapshotSamples = 0, SnapshotAtEpochEnd = false, RecordGradientNorms = false,
        GeneratorLearningRate = options.GeneratorLr, DiscriminatorLearningRate = options.DiscriminatorLr, Loss = GanLoss.NonSaturating.WithRealLabel(options.RealLabel),
    };
    ConditionalMlpGenerator? conditional = null;
    MlpGenerator? standard = null;
    GanTrainer trainer;
    if (options.Unconditional)
    {
        standard = new MlpGenerator(zDim: 64, output: output);
        trainer = new GanTrainer(standard, new MlpDiscriminator(), images, trainerOptions);
    }
    else
    {
        conditional = new ConditionalMlpGenerator(zDim: 64, classes: 10, output: output);
        nn.Module<Tensor, Tensor, Tensor> critic = options.Projection
            ? new ConditionalProjectionDiscriminator(classes: 10)
            : new ConditionalMlpDiscriminator(classes: 10);
        trainer = new GanTrainer(conditional, critic, images, labels, trainerOptions);
    }
    using (trainer)
    {
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        foreach (int step in options.EvaluateAt)
        {
            trainer.Run(step - trainer.Step);
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            string row, line;
            if (standard is not null)
            {
                var quality = SampleQuality.OfGenerator(classifier, real, standard, options.Samples, sampleSeed: 1000 + seed);
                row = $"{quality.Coverage.Covered},{F(quality.LargestShare)},{F(quality.Frechet.Value)},{F(quality.Frechet.Floor)},,";
                line = quality.ToString();
            }
            else
            {
                var accuracy = AskedDigitAccuracy.Of(classifier, conditional!, options.Samples / 10, seed: 1000 + seed);
                row = $",,,,{F(accuracy.Overall)},{string.Join(" ", accuracy.PerClass.Select(F))}";
                line = accuracy.ToString();
            }
            SweepCsv.Append(options.Out, "config,seed,step,covered,largest_share,frechet,floor,asked_overall,asked_per_digit,cpu_seconds",
                $"{options.Name},{seed},{step},{row},{cpuSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"{options.Name} seed {seed} step {step}: {line} ({cpuSeconds:F0} s CPU)");
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
        }
    }
}

static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

sealed record Arguments(string Name, string Out, int[] Seeds, int[] EvaluateAt, int Samples, int Threads, bool Tanh,
    bool Projection, bool Unconditional, double RealLabel, double GeneratorLr, double DiscriminatorLr)
{
    public static Arguments Parse(string[] args)
    {
        string[] flagNames = ["tanh", "projection", "unconditional"];
        string[] known = ["name", "out", "seeds", "steps", "every", "samples", "threads", "real-label", "lr-g", "lr-d"];
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--"))
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options look like --name value (see README.md).");
            string key = args[i][2..];
            if (flagNames.Contains(key)) { flags.Add(key); continue; }
            if (!known.Contains(key))
                throw new ArgumentException($"Unknown option --{key}; known: {string.Join(", ", flagNames.Concat(known).Select(k => "--" + k))}.");
            if (i + 1 >= args.Length) throw new ArgumentException($"--{key} needs a value.");
            values[key] = args[++i];
        }
        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (!values.ContainsKey("name")) throw new ArgumentException("--name is required: it labels the configuration in the CSV.");
        int steps = I("steps", 2000), every = I("every", steps), samples = I("samples", 1000);
        if (steps < 1 || every < 1) throw new ArgumentException("--steps and --every must be at least 1.");
        if (samples < 10 || samples % 10 != 0) throw new ArgumentException("--samples must be a multiple of 10 (the same number for every digit), at least 10.");
        var at = Enumerable.Range(1, steps / every).Select(i => i * every).ToList();
        if (at.Count == 0 || at[^1] != steps) at.Add(steps);
        return new Arguments(values["name"], Get("out", "sweep.csv"),
            Get("seeds", "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            at.ToArray(), samples, I("threads", 1), flags.Contains("tanh"), flags.Contains("projection"),
            flags.Contains("unconditional"), D("real-label", 1), D("lr-g", 2e-4), D("lr-d", 2e-4));
    }
}
