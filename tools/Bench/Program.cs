using System.Diagnostics;
using GanCourse;
using GanCourse.Bench;
using static TorchSharp.torch;

// Training benchmark of a GAN step, the course's loops against PyTorch in the same run (see README). Usage: Args.Usage.
// Exit codes: 0 all loops ran; 2 bad option; 3 the other loops ran but the PyTorch peer could not (what to install is printed).
// GAN_COURSE_MALLOC_TUNING=0 turns the malloc tuning off (for the peer too).
Args opts;
try
{
    opts = Args.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.WriteLine(Args.Usage);
    return 2;
}
long rssStart = Memory.Rss();
var env = Course.Setup(seed: 0, threads: opts.Threads);
bool mlp = opts.Model == "mlp";
var options = mlp
    ? GanTrainerOptions.Lecture with { BatchSize = opts.Batch, SnapshotSamples = 16, ReportEvery = 50 }
    // notebook 08's settings (Adam 2e-4, beta1 0.5, batch 128, z 64)
    : new GanTrainerOptions { BatchSize = opts.Batch, ZDim = 64, SnapshotSamples = 16, SnapshotAtEpochEnd = false, ReportEvery = 25 };
string model = mlp ? "the lecture's MLP GAN (G 64-128-256-512-1024-784, D 784-512-256-128-1)"
                   : $"notebook 08's DCGAN, width f = {opts.Features}";
Console.WriteLine($"# {env}");
Console.WriteLine($"# {model}; batch {opts.Batch}, Adam lr {options.GeneratorLearningRate:G3} betas ({options.Beta1}, {options.Beta2}); " +
                  $"{opts.Runs} runs of {opts.Steps} steps after {opts.Warmup} warm-up steps; median reported");

var dataset = mlp ? DatasetName.Mnist : DatasetName.FashionMnist;
string dataFolder = Datasets.Ensure(dataset, log: Datasets.ConsoleLog); // fetches the files on the first run only
List<Gemm>? gemms = mlp ? GemmCount.TrainerStep(opts.Batch) : null;
if (gemms is not null)
{
    var lecture = GemmCount.LectureStep(opts.Batch);
    Console.WriteLine($"GEMMs per step: lecture loop {lecture.Count} = {lecture.Sum(g => g.Flops) / 1e9:F3} GFLOP; " +
                      $"GanTrainer and PyTorch {gemms.Count} = {gemms.Sum(g => g.Flops) / 1e9:F3} GFLOP");
}

var results = new List<Result>();
int exitCode = 0;
if (opts.Wants("pytorch")) // first, while this process holds no data
{
    string? missing = PyTorchPeer.Missing();
    if (missing is not null)
    {
        Console.WriteLine($"PyTorch: not run: {missing}");
        exitCode = 3;
    }
    else
    {
        try
        {
            var runs = PyTorchPeer.Measure(PeerArguments(), opts.Threads, MallocTuning.Applied);
            results.Add(new Result("PyTorch (peer.py)", [.. runs.Select(r => r.WallMs)], [.. runs.Select(r => r.CpuMs)],
                [.. runs.Select(r => r.GemmWallMs ?? double.NaN)], [.. runs.Select(r => r.GemmCpuMs ?? double.NaN)],
                [.. runs.Select(r => r.RssMb)]));
            results[^1].PrintRuns();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
        {
            Console.WriteLine($"PyTorch: failed: {e.Message}");
            exitCode = 3;
        }
    }
}

var (data, dataLabel) = BenchData.Load(dataset, mlp);
Console.WriteLine($"data: {dataLabel}: [{string.Join(", ", data.shape)}]");
long rssAfterData = Memory.Rss();
using var replay = gemms is null ? null : new GemmReplay(gemms);

if (opts.Wants("reference"))
{
    var (g, d) = Models();
    using var loop = new ReferenceLoop(g, d, data, options);
    results.Add(Measure("reference loop (lecture code)", loop.Run));
}
foreach (bool fastPath in new[] { false, true })
{
    if (!opts.Wants(fastPath ? "fast" : "plain")) continue;
    var (g, d) = Models();
    using var trainer = new GanTrainer(g, d, data, options with { FastPath = fastPath });
    results.Add(Measure(fastPath ? "GanTrainer (fast path)" : "GanTrainer (plain path)", s => trainer.Run(s)));
    g.Dispose();
    d.Dispose();
}

Console.WriteLine();
Report.Table(results, opts.Threads);
Console.WriteLine();
Console.WriteLine($"RSS of this process: start {rssStart / 1048576.0:F0} MB, after data {rssAfterData / 1048576.0:F0} MB, " +
                  $"end {Memory.Rss() / 1048576.0:F0} MB, peak (VmHWM) {Memory.Peak() / 1048576.0:F0} MB; " +
                  $"malloc tuning {(MallocTuning.Applied ? "on" : "off")}");
return exitCode;

(nn.Module<Tensor, Tensor> G, nn.Module<Tensor, Tensor> D) Models() => mlp
    ? (new MlpGenerator(), new MlpDiscriminator())
    : (new DcganGenerator(64, opts.Features, OutputActivation.Tanh), new DcganDiscriminator(opts.Features));

IEnumerable<string> PeerArguments()
{
    string[] common =
    [
        "--model", opts.Model, "--images", Path.Combine(dataFolder, "train-images-idx3-ubyte"), "--features", $"{opts.Features}",
        "--batch", $"{opts.Batch}", "--zdim", $"{options.ZDim}", "--threads", $"{opts.Threads}", "--steps", $"{opts.Steps}",
        "--runs", $"{opts.Runs}", "--warmup", $"{opts.Warmup}", "--lr", $"{options.GeneratorLearningRate:R}",
        "--beta1", $"{options.Beta1:R}", "--beta2", $"{options.Beta2:R}", "--report-every", $"{options.ReportEvery}",
    ];
    return gemms is null ? common : [.. common, "--gemms", string.Join(",", gemms.Select(g => g.Spec))];
}

Result Measure(string name, Action<int> run)
{
    run(opts.Warmup);
    var process = Process.GetCurrentProcess();
    TimeSpan Cpu() { process.Refresh(); return process.TotalProcessorTime; }
    for (int i = 0; i < 3; i++) replay?.RunOnce();
    var r = new Result(name, [], [], [], [], []);
    for (int i = 0; i < opts.Runs; i++)
    {
        var cpu = Cpu();
        var sw = Stopwatch.StartNew();
        run(opts.Steps);
        r.WallMs.Add(sw.Elapsed.TotalMilliseconds / opts.Steps);
        r.CpuMs.Add((Cpu() - cpu).TotalMilliseconds / opts.Steps);
        r.RssMb.Add(Memory.Rss() / 1048576.0);
        // The same step's GEMMs alone, interleaved with the runs so both see the same machine load.
        if (replay is null) continue;
        int replays = Math.Max(1, opts.Steps / 2);
        cpu = Cpu();
        sw.Restart();
        for (int k = 0; k < replays; k++) replay.RunOnce();
        r.GemmWallMs.Add(sw.Elapsed.TotalMilliseconds / replays);
        r.GemmCpuMs.Add((Cpu() - cpu).TotalMilliseconds / replays);
    }
    r.PrintRuns();
    return r;
}

sealed record Args(int Steps, int Runs, int Warmup, int Threads, int Batch, string Model, int Features, string[] Loops)
{
    public static readonly string[] AllLoops = ["reference", "plain", "fast", "pytorch"];

    public const string Usage =
        "usage: ./course bench [--model mlp|dcgan] [--features 16] [--steps 100] [--runs 5] [--warmup 30] [--threads 2] [--batch 128]\n" +
        "                      [--loop all|reference,plain,fast,pytorch]\n" +
        "  --model     mlp: the lecture's MLP GAN on MNIST (default); dcgan: notebook 08's DCGAN on Fashion-MNIST\n" +
        "  --features  the DCGAN's width f (default 16, notebook 08's quick profile; its full profile uses 64)\n" +
        "  --loop      which loops to time, comma-separated (default all): the reference loop, GanTrainer's plain path,\n" +
        "              its fast path, the PyTorch peer (Debian's python3-torch with OpenBLAS, run as a child process)\n" +
        "exit code: 0 all ran; 2 bad option; 3 the PyTorch peer could not run (the apt command to install it is printed)";

    public bool Wants(string loop) => Loops.Contains(loop);

    public static Args Parse(string[] a)
    {
        var o = new Args(100, 5, 30, 2, 128, "mlp", 16, AllLoops);
        for (int i = 0; i < a.Length; i++)
        {
            string Next() => i + 1 < a.Length ? a[++i] : throw new ArgumentException($"{a[i]} needs a value");
            o = a[i] switch
            {
                "--steps" => o with { Steps = Positive("--steps", Next()) },
                "--runs" => o with { Runs = Positive("--runs", Next()) },
                "--warmup" => o with { Warmup = int.Parse(Next()) },
                "--threads" => o with { Threads = Positive("--threads", Next()) },
                "--batch" => o with { Batch = Positive("--batch", Next()) },
                "--model" => o with { Model = Next() },
                "--features" => o with { Features = Positive("--features", Next()) },
                "--loop" => o with { Loops = LoopList(Next()) },
                _ => throw new ArgumentException($"unknown option {a[i]}"),
            };
        }
        if (o.Model is not ("mlp" or "dcgan"))
            throw new ArgumentException($"--model takes mlp or dcgan, not \"{o.Model}\"");
        if (o.Loops.FirstOrDefault(l => !AllLoops.Contains(l)) is string bad)
            throw new ArgumentException($"--loop takes all or a comma-separated list of {string.Join(", ", AllLoops)}; \"{bad}\" is none of them");
        if (o.Warmup < 0) throw new ArgumentException($"--warmup must not be negative, not {o.Warmup}");
        return o;
    }

    static string[] LoopList(string value) => value == "all" ? AllLoops : value.Split(',');

    static int Positive(string option, string value) =>
        int.Parse(value) is var n && n >= 1 ? n : throw new ArgumentException($"{option} must be at least 1, not {value}");
}

static class Memory
{
    static long Field(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(name + ":"))
                return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0]) * 1024;
        return 0;
    }

    public static long Rss() => Field("VmRSS");
    public static long Peak() => Field("VmHWM");
}

static class BenchData
{
    /// <summary>The training images ([N, 784] in [0, 1] for the MLP, [N, 1, 28, 28] in [-1, 1] for the DCGAN) and a description.</summary>
    public static (Tensor Data, string Label) Load(DatasetName name, bool flat)
    {
        var clock = Stopwatch.StartNew();
        var train = Datasets.Load(name, Split.Train, flat ? Scaling.ZeroOne : Scaling.MinusOneOne);
        return (flat ? train.Flat : train.Images,
            $"{train.Name} train ({train.Count} images), Datasets.Load {clock.Elapsed.TotalSeconds:F2} s (files verified by checksum)");
    }
}
