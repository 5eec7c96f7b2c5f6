using System.Globalization;
using GanCourse;

// Semi-supervised MNIST with 100 labels: for each seed, the K+1-class GAN and the labels-only baseline (same critic,
// same initial weights, same steps), appending one CSV row per method, seed and evaluation step. Notebook 10 prints
// its table from the file. Usage (see sweep.sh):
//   SemiSupervisedSweep --out FILE.csv --name NAME [--seeds 1,2,3] [--steps 1000] [--every 250] [--lr 0.003]
//                       [--per-class 10] [--threads 1]
var culture = CultureInfo.InvariantCulture;
var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
string[] known = ["out", "name", "seeds", "steps", "every", "lr", "per-class", "threads"];
foreach (string key in arguments.Keys.Where(k => !known.Contains(k)))
{
    Console.Error.WriteLine($"unknown option --{key}; known: {string.Join(", ", known.Select(k => "--" + k))}");
    return 2;
}
if (!arguments.TryGetValue("out", out string? outPath) || !arguments.TryGetValue("name", out string? name))
{
    Console.Error.WriteLine("--out FILE.csv and --name NAME are required (see the usage at the top of Program.cs).");
    return 2;
}
string Get(string key, string fallback) => arguments.GetValueOrDefault(key, fallback);
int[] seeds = Get("seeds", "1,2,3").Split(',').Select(s => int.Parse(s, culture)).ToArray();
int perClass = int.Parse(Get("per-class", "10"), culture);
var options = new SemiSupervisedOptions
{
    Steps = int.Parse(Get("steps", "1000"), culture),
    EvaluateEvery = int.Parse(Get("every", "250"), culture),
    LearningRate = double.Parse(Get("lr", "0.003"), culture),
};
Course.Setup(seed: 0, threads: int.Parse(Get("threads", "1"), culture));
using var train = Datasets.Load(DatasetName.Mnist, Split.Train);
using var test = Datasets.Load(DatasetName.Mnist, Split.Test);

const string Header = "config,method,seed,labels,step,lr,test_accuracy,seconds";
if (!File.Exists(outPath)) File.WriteAllText(outPath, Header + "\n");
foreach (int seed in seeds)
{
    using var labelled = LabelledSubset.Balanced(train, perClass, seed);
    var runs = new[]
    {
        SemiSupervisedTraining.TrainBaseline(labelled, test.Flat, test.Labels, seed, options),
        SemiSupervisedTraining.TrainGan(labelled, train.Flat, test.Flat, test.Labels, seed, options),
    };
    foreach (var run in runs)
    {
        foreach (var (step, accuracy) in run.Curve)
            File.AppendAllText(outPath, string.Join(",", name, run.Method, seed, labelled.Count, step,
                options.LearningRate.ToString(culture), accuracy.ToString("F4", culture),
                step == run.Curve[^1].Step ? run.Elapsed.TotalSeconds.ToString("F1", culture) : "") + "\n");
        Console.WriteLine($"{name}: {run}");
    }
}
return 0;
